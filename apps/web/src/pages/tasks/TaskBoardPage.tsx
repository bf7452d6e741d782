import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Empty, Segmented, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { graphql } from '../../gql';
import type { TaskBoardFilter } from '../../gql/graphql';
import { useSession } from '../../session/SessionProvider';
import { NextUp } from './MyTasksPage';
import { TaskCard } from './TaskCard';
import { taskErrorText } from './task-parts';

const BOARD = graphql(`
  query TaskBoard($filter: TaskBoardFilter, $first: Int, $after: String) {
    taskBoard(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit
          coverAskedOfMe claims { id status }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const PROFILE = graphql(`
  query MyProfileExists {
    myVolunteerProfile { userId }
  }
`);

type View = 'fits' | 'near' | 'week' | 'free' | 'asked';

/** What each view of the board asks the API for. */
const FILTERS: Record<View, TaskBoardFilter> = {
  fits: { fitsMySkills: true, nearMe: true },
  near: { fitsMySkills: false, nearMe: true },
  week: { fitsMySkills: true, nearMe: true, thisWeek: true },
  free: { fitsMySkills: true, nearMe: true, whenIAmFree: true },
  asked: { fitsMySkills: false, nearMe: false, askedMe: true },
};
const PAGE = 20;

/** A volunteer's home: what they are due at next, then the open tasks that fit them. */
export function TaskBoardPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [view, setView] = useState<View>('fits');
  const profile = useQuery(PROFILE);
  const hasProfile = !!profile.data?.myVolunteerProfile;
  const { data, loading, error, fetchMore } = useQuery(BOARD, { variables: { filter: FILTERS[view], first: PAGE }, skip: !hasProfile });
  const tasks = data?.taskBoard.edges.map((e) => e.node) ?? [];

  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="welcome">{t('tasks.board.hello', { name: user?.displayName })}</Typography.Title>
      {profile.loading && !profile.data ? <Skeleton active /> : !hasProfile ? (
        <Card data-testid="profile-needed">
          <Typography.Paragraph>{t('tasks.board.profileFirst')}</Typography.Paragraph>
          <Link to="/profile"><Button type="primary" size="large" block>{t('tasks.board.makeProfile')}</Button></Link>
        </Card>
      ) : (
        <>
          <NextUp />
          <Typography.Title level={4} style={{ margin: '8px 0 0' }}>{t('tasks.board.title')}</Typography.Title>
          <div style={{ overflowX: 'auto' }}>
            <Segmented<View>
              value={view}
              onChange={setView}
              data-testid="board-view"
              options={(['fits', 'near', 'week', 'free', 'asked'] as View[]).map((v) => ({ value: v, label: t(`tasks.board.view.${v}`) }))}
            />
          </div>
          <Typography.Text type="secondary">{t(`tasks.board.explain.${view}`)}</Typography.Text>
          {error && <Alert type="error" showIcon message={taskErrorText(t, error)} />}
          {loading && !data ? <Skeleton active /> : tasks.length === 0 ? (
            <Empty description={t(`tasks.board.empty.${view}`)} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size={8}>
              {tasks.map((task) => <TaskCard key={task.id} task={task} />)}
            </Space>
          )}
          {data?.taskBoard.pageInfo.hasNextPage && (
            <Button block onClick={() => void fetchMore({ variables: { filter: FILTERS[view], first: PAGE, after: data.taskBoard.pageInfo.endCursor } })}>
              {t('tasks.loadMore')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
