import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Checkbox, Empty, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { useSkillNames } from '../tasks/task-parts';
import { orgTaskError } from './org-task-parts';

const COVER_CANDIDATES = graphql(`
  query CoverCandidates($taskId: ID!) {
    coverCandidates(taskId: $taskId) { askedCount othersCount known { userId displayName skills } }
  }
`);

const ASK_FOR_COVER = graphql(`
  mutation AskForCover($input: AskForCoverInput!) {
    askForCover(input: $input) { askedCount othersCount known { userId displayName skills } }
  }
`);

/**
 * A place was given up and nobody waits for it: ask fitting volunteers who are free then. Those who worked
 * with us before are named (choose whom to ask); the alliance's others are only counted, and asked all at once.
 */
export function CoverDialog({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const skillName = useSkillNames();
  const { data, loading, error } = useQuery(COVER_CANDIDATES, { variables: { taskId }, fetchPolicy: 'network-only' });
  const [ask, { loading: asking }] = useMutation(ASK_FOR_COVER, { refetchQueries: ['OrgTask'] });
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const cover = data?.coverCandidates;

  const send = async (volunteerIds?: string[]) => {
    setProblem(null);
    try {
      const { data: after } = await ask({ variables: { input: { taskId, ...(volunteerIds ? { volunteerIds } : {}) } } });
      void message.success(t('orgTasks.cover.asked', { count: after?.askForCover.askedCount ?? 0 }));
      onClose();
    } catch (e) {
      setProblem(orgTaskError(t, e));
    }
  };

  const everyone = (cover?.known.length ?? 0) + (cover?.othersCount ?? 0);
  return (
    <Modal open title={t('orgTasks.cover.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('orgTasks.cover.explain')}</Typography.Paragraph>
      {(problem || error) && <Alert type="error" showIcon role="alert" title={problem ?? orgTaskError(t, error)} style={{ marginBottom: 12 }} data-testid="cover-error" />}
      {loading && !cover && <Skeleton active />}
      {cover && (
        <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)' }} data-testid="cover-candidates">
          {cover.askedCount > 0 && <Typography.Text type="secondary">{t('orgTasks.cover.alreadyAsked', { count: cover.askedCount })}</Typography.Text>}
          {cover.known.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgTasks.cover.noKnown')} />
          ) : (
            <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ display: 'grid', gap: 8, gridTemplateColumns: 'minmax(0, 1fr)' }}>
              {cover.known.map((v) => (
                <Checkbox key={v.userId} value={v.userId} data-testid="cover-candidate">
                  <Typography.Text strong>{v.displayName ?? t('orgTasks.claims.nameWithheld')}</Typography.Text>{' '}
                  {(v.skills ?? []).map((s) => <Tag key={s} bordered={false}>{skillName(s)}</Tag>)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          )}
          {cover.othersCount > 0 && <Typography.Text data-testid="cover-others">{t('orgTasks.cover.others', { count: cover.othersCount })}</Typography.Text>}
          <Space wrap>
            <Button onClick={onClose}>{t('members.cancel')}</Button>
            <Button type="primary" disabled={chosen.length === 0} loading={asking} onClick={() => void send(chosen)} data-testid="cover-ask-chosen">
              {t('orgTasks.cover.askChosen', { count: chosen.length })}
            </Button>
            {everyone > 0 && (
              <Button loading={asking} onClick={() => void send()} data-testid="cover-ask-all">{t('orgTasks.cover.askAll', { count: everyone })}</Button>
            )}
          </Space>
        </div>
      )}
    </Modal>
  );
}
