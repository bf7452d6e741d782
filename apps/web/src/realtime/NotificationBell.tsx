import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { dateTime } from '../dates';
import { graphql } from '../gql';
import { useActing } from '../session/SessionProvider';

const NOTIFICATIONS = graphql(`
  query Notifications {
    unreadNotificationCount
    notifications(first: 15) {
      edges { node { id eventId kind subjectType subjectId organisationId createdAt readAt params { key value } } }
    }
  }
`);

const MARK_READ = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }
`);

type Note = { id: string; kind: string; subjectType: string; subjectId: string; createdAt: string; readAt?: string | null; params: { key: string; value?: string | null }[] };

/** Where a notification leads: the record's page, as the person's role opens it. */
function pathOf(note: Note, volunteer: boolean): string {
  switch (note.subjectType) {
    case 'Referral': return `/referrals/${note.subjectId}`;
    case 'Case': return `/cases/${note.subjectId}`;
    case 'Task': return volunteer ? `/tasks/${note.subjectId}` : `/org-tasks/${note.subjectId}`;
    case 'Person': return `/people/${note.subjectId}`;
    default: return '/';
  }
}

/**
 * The bell in the header: how many notifications are unread, and the latest ones — what concerned the
 * person while they were away or looking elsewhere. Opening one marks it read and goes to its record.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const acting = useActing();
  const [open, setOpen] = useState(false);
  const { data, refetch } = useQuery(NOTIFICATIONS, { fetchPolicy: 'cache-and-network' });
  const [markRead] = useMutation(MARK_READ);
  const unread = data?.unreadNotificationCount ?? 0;
  const notes = (data?.notifications.edges ?? []).map((e) => e.node) as Note[];
  const text = (note: Note) => {
    const params = Object.fromEntries(note.params.map((p) => [p.key, p.value ?? '']));
    return t(`notifications.kind.${note.kind}`, { ...params, defaultValue: note.kind });
  };
  const openNote = async (note: Note) => {
    setOpen(false);
    if (!note.readAt) await markRead({ variables: { input: { ids: [note.id] } } }).catch(() => undefined);
    void refetch();
    navigate(pathOf(note, acting?.role === 'VOLUNTEER'));
  };
  const list = (
    <div style={{ width: 'min(360px, 86vw)' }} data-testid="notification-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        {unread > 0 && (
          <Button size="small" type="link" data-testid="notifications-read-all"
            onClick={() => void markRead({ variables: { input: { all: true } } }).then(() => refetch())}>
            {t('notifications.readAll')}
          </Button>
        )}
      </Space>
      {notes.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} /> : (
        <List
          size="small"
          dataSource={notes}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(note) => (
            <List.Item
              key={note.id}
              onClick={() => void openNote(note)}
              style={{ cursor: 'pointer', background: note.readAt ? undefined : '#e6f4ff', paddingInline: 8 }}
              data-testid="notification"
              aria-label={text(note)}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!note.readAt}>{text(note)}</Typography.Text>}
                description={dateTime(note.createdAt, i18n.language)}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover content={list} trigger="click" open={open} onOpenChange={(next) => { setOpen(next); if (next) void refetch(); }} placement="bottomRight">
      <Button type="text" aria-label={t('notifications.bell', { count: unread })} data-testid="notification-bell"
        icon={<Badge count={unread} size="small" offset={[4, -2]} data-testid="notification-count"><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
    </Popover>
  );
}
