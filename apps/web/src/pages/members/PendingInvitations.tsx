import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import { invitationLink } from './invitation-link';

const INVITATIONS = graphql(`
  query PendingInvitations {
    invitations(first: 50) { edges { node { id email role status createdAt expiresAt } } }
  }
`);

const REVOKE = graphql(`mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }`);
const RESEND = graphql(`mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { token invitation { id status expiresAt } } }`);
const APPROVE = graphql(`mutation ApproveInvitation($id: ID!) { approveInvitation(id: $id) { id status } }`);

/**
 * The invitations into the organisation that can still be accepted: the admin takes one back, sends a new
 * link (the old one stops working), or approves one a platform admin made into the organisation.
 */
export function PendingInvitations() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data, error, refetch } = useQuery(INVITATIONS, { fetchPolicy: 'network-only' });
  const [revoke] = useMutation(REVOKE);
  const [resend] = useMutation(RESEND);
  const [approve] = useMutation(APPROVE);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const invitations = data?.invitations.edges.map((e) => e.node) ?? [];
  if (!data && !error) return null;

  const run = async (done: string, action: () => Promise<unknown>) => {
    try {
      await action();
      void message.success(done);
      await refetch();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  return (
    <Card title={t('invitations.title')} data-testid="pending-invitations">
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      <List
        dataSource={invitations}
        locale={{ emptyText: t('invitations.none') }}
        renderItem={(invitation) => (
          <List.Item data-testid={`invitation-${invitation.email}`} actions={[
            ...(invitation.status === 'AWAITING_APPROVAL' ? [
              <Button key="approve" size="small" type="primary" data-testid={`invitation-approve-${invitation.email}`}
                onClick={() => void run(t('invitations.approved'), () => approve({ variables: { id: invitation.id } }))}>{t('invitations.approve')}</Button>,
            ] : []),
            <Button key="resend" size="small" data-testid={`invitation-resend-${invitation.email}`} onClick={() => void run(t('invitations.resent'), async () => {
              const { data: sent } = await resend({ variables: { id: invitation.id } });
              if (sent?.resendInvitation.token) setLink({ email: invitation.email, url: invitationLink(sent.resendInvitation.token) });
            })}>{t('invitations.resend')}</Button>,
            <Popconfirm key="revoke" title={t('invitations.revokeConfirm', { email: invitation.email })} okText={t('members.confirm')} cancelText={t('members.cancel')}
              onConfirm={() => run(t('invitations.revoked'), () => revoke({ variables: { id: invitation.id } }))}>
              <Button size="small" danger data-testid={`invitation-revoke-${invitation.email}`}>{t('invitations.revoke')}</Button>
            </Popconfirm>,
          ]}>
            <Space orientation="vertical" size={2}>
              <Typography.Text strong>{invitation.email}</Typography.Text>
              <Space wrap size={4}>
                <Tag>{t(`roles.${invitation.role}`)}</Tag>
                <Tag color={invitation.status === 'AWAITING_APPROVAL' ? 'orange' : 'blue'}>{t(`invitations.status.${invitation.status}`)}</Tag>
                <Typography.Text type="secondary">{t('invitations.expires', { when: dateTime(invitation.expiresAt, i18n.language) })}</Typography.Text>
              </Space>
            </Space>
          </List.Item>
        )}
      />
      {link && (
        <Modal open title={t('invitations.newLink', { email: link.email })} onCancel={() => setLink(null)} footer={null} destroyOnHidden>
          <Input.TextArea readOnly value={link.url} autoSize style={{ wordBreak: 'break-all' }} data-testid="invite-link" aria-label={t('invite.link')} />
          <Typography.Paragraph copyable={{ text: link.url, tooltips: [t('invite.copy'), t('invite.copied')] }} type="secondary">{t('invitations.oldLinkDead')}</Typography.Paragraph>
        </Modal>
      )}
    </Card>
  );
}
