import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Grid, Input, List, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date } from '../../dates';
import { errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { MemberOrderField, MembersQuery, Role } from '../../gql/graphql';
import { useActing, useSession } from '../../session/SessionProvider';
import { invitationLink } from './invitation-link';
import { PendingInvitations } from './PendingInvitations';
import { emptyText, ListLoading } from '../lists/ListLoading';
import { ListOrder, orderFromSorter, sortableColumn } from '../lists/list-sort';
import { ListSortSelect } from '../lists/ListSortSelect';

/** The columns the API sorts members by (unsorted: the order they joined). */
const SORTS: MemberOrderField[] = ['NAME', 'EMAIL', 'ROLE', 'STATUS', 'JOINED'];

const MEMBERS = graphql(`
  query Members($first: Int, $after: String, $orderBy: MemberOrder, $search: String) {
    members(first: $first, after: $after, orderBy: $orderBy, search: $search) {
      edges { cursor node { id role status createdAt user { id displayName email } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const INVITE = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) { token invitation { id email role expiresAt } }
  }
`);

const CHANGE_ROLE = graphql(`
  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {
    changeMemberRole(input: $input) { id role }
  }
`);

const DEACTIVATE = graphql(`
  mutation DeactivateMember($id: ID!) {
    deactivateMember(membershipId: $id) { id status deactivatedAt }
  }
`);

const GRANTABLE = graphql(`
  query GrantableRoles { grantableRoles }
`);

const PAGE_SIZE = 20;
const ADMIN_ROLES = ['ORG_ADMIN', 'PLATFORM_ADMIN'];

type Member = MembersQuery['members']['edges'][number]['node'];

export function MembersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const acting = useActing();
  const phone = !Grid.useBreakpoint().md;
  const isAdmin = !!acting && ADMIN_ROLES.includes(acting.role);
  // The roles this organisation's kind has (an NGO has no auditors): asked of the API, which keeps them as data.
  const { data: roles } = useQuery(GRANTABLE, { skip: !isAdmin });
  const grantable: Role[] = roles?.grantableRoles ?? [];
  const [inviting, setInviting] = useState(false);
  const [order, setOrder] = useState<ListOrder<MemberOrderField> | null>(null);
  const orderBy = order ?? undefined;
  const [search, setSearch] = useState<string | undefined>(undefined);
  const { data: answer, previousData, loading, error, fetchMore } = useQuery(MEMBERS, { variables: { first: PAGE_SIZE, orderBy, search } });
  // While another sort or search is on its way, the rows shown before stay (under the spinner).
  const data = answer ?? previousData;
  // A role change is asked first, naming the person, the role they have and the one they would get.
  const [roleChange, setRoleChange] = useState<{ member: Member; role: Role } | null>(null);
  const [changeRole, { loading: changingRole }] = useMutation(CHANGE_ROLE);
  const [deactivate] = useMutation(DEACTIVATE);
  const members = data?.members.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.members.pageInfo;

  const onRole = async (member: Member, role: Role) => {
    try {
      await changeRole({ variables: { input: { membershipId: member.id, role } } });
      void message.success(t('members.roleChanged', { name: member.user.displayName, role: t(`roles.${role}`) }));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setRoleChange(null);
    }
  };
  const onDeactivate = async (member: Member) => {
    try {
      await deactivate({ variables: { id: member.id } });
      void message.success(t('members.deactivated', { name: member.user.displayName }));
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  // Admins manage others; their own role and access are changed by another admin, so nobody locks
  // themself out by a slip of the finger.
  const manageable = (member: Member) => isAdmin && member.status === 'ACTIVE' && member.user.id !== user?.id;
  const roleCell = (member: Member) =>
    manageable(member) ? (
      <Select<Role>
        aria-label={`${t('members.role')}: ${member.user.displayName}`}
        data-testid={`role-${member.user.email}`}
        value={member.role}
        onChange={(role) => { if (role !== member.role) setRoleChange({ member, role }); }}
        options={grantable.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        style={{ minWidth: 140 }}
        popupMatchSelectWidth={false}
      />
    ) : (
      <Tag>{t(`roles.${member.role}`)}</Tag>
    );
  const actions = (member: Member) =>
    manageable(member) ? (
      <Popconfirm
        title={t('members.deactivateConfirm', { name: member.user.displayName })}
        okText={t('members.confirm')}
        cancelText={t('members.cancel')}
        onConfirm={() => onDeactivate(member)}
      >
        <Button danger size="small" data-testid={`deactivate-${member.user.email}`}>{t('members.deactivate')}</Button>
      </Popconfirm>
    ) : null;
  const name = (member: Member) => `${member.user.displayName}${member.user.id === user?.id ? t('members.you') : ''}`;
  const status = (member: Member) => <Tag color={member.status === 'ACTIVE' ? 'green' : 'default'}>{t(`status.${member.status}`)}</Tag>;

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('members.title')}</Typography.Title>
        {isAdmin && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)} disabled={grantable.length === 0} data-testid="invite-open">
            {t('members.invite')}
          </Button>
        )}
      </Space>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('lists.members.searchPlaceholder')}
          aria-label={t('lists.members.search')}
          data-testid="members-search"
          onSearch={(text) => setSearch(text.trim() || undefined)}
          style={{ width: 300, maxWidth: '100%' }}
        />
        {phone && (
          <ListSortSelect testId="members-sort" value={order} onChange={setOrder} columns={[
            { field: 'NAME', label: t('members.name') }, { field: 'EMAIL', label: t('members.email') }, { field: 'ROLE', label: t('members.role') },
            { field: 'STATUS', label: t('members.status') }, { field: 'JOINED', label: t('members.joined') },
          ]} />
        )}
      </Space>
      {error && <Alert type="error" showIcon role="alert" message={errorText(t, error)} />}
      {!data && !error ? <ListLoading /> : phone ? (
        <List
          loading={loading}
          dataSource={members}
          locale={{ emptyText: emptyText(loading, search ? t('lists.members.noneMatch') : t('members.empty')) }}
          renderItem={(member) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid={`member-${member.user.email}`}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{name(member)}</Typography.Text>
                  {status(member)}
                </Space>
                <Typography.Text type="secondary">{member.user.email}</Typography.Text>
                <Space wrap>{roleCell(member)}{actions(member)}</Space>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Member>
          rowKey="id"
          loading={loading}
          dataSource={members}
          pagination={false}
          locale={{ emptyText: emptyText(loading, search ? t('lists.members.noneMatch') : t('members.empty')) }}
          data-testid="members-table"
          onRow={(member) => ({ 'data-testid': `member-${member.user.email}` }) as React.HTMLAttributes<HTMLElement>}
          onChange={(_pagination, _filters, sorter) => setOrder(orderFromSorter(sorter, SORTS, null))}
          columns={[
            { title: t('members.name'), key: 'NAME', ...sortableColumn('NAME', order), render: (_, m) => name(m) },
            { title: t('members.email'), key: 'EMAIL', ...sortableColumn('EMAIL', order), render: (_, m) => m.user.email },
            { title: t('members.role'), key: 'ROLE', ...sortableColumn('ROLE', order), render: (_, m) => roleCell(m) },
            { title: t('members.status'), key: 'STATUS', ...sortableColumn('STATUS', order), render: (_, m) => status(m) },
            { title: t('members.joined'), key: 'JOINED', ...sortableColumn('JOINED', order), render: (_, m) => date(m.createdAt, i18n.resolvedLanguage) },
            ...(isAdmin ? [{ title: t('members.actions'), key: 'actions', render: (_: unknown, m: Member) => actions(m) }] : []),
          ]}
        />
      )}
      {pageInfo?.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { first: PAGE_SIZE, orderBy, search, after: pageInfo.endCursor } })} data-testid="load-more">
          {t('members.loadMore')}
        </Button>
      )}
      {roleChange && (
        <Modal
          open
          title={t('lists.members.roleChangeTitle')}
          okText={t('lists.members.roleChangeOk')}
          cancelText={t('members.cancel')}
          confirmLoading={changingRole}
          onOk={() => onRole(roleChange.member, roleChange.role)}
          onCancel={() => setRoleChange(null)}
          okButtonProps={{ 'data-testid': 'role-change-confirm' } as never}
          cancelButtonProps={{ 'data-testid': 'role-change-cancel' } as never}
        >
          <Typography.Paragraph data-testid="role-change-text">
            {t('lists.members.roleChangeText', {
              name: roleChange.member.user.displayName, from: t(`roles.${roleChange.member.role}`), to: t(`roles.${roleChange.role}`),
            })}
          </Typography.Paragraph>
        </Modal>
      )}
      {isAdmin && <PendingInvitations />}
      {inviting && <InviteModal onClose={() => setInviting(false)} roles={grantable} />}
    </div>
  );
}

function InviteModal({ onClose, roles }: { onClose: () => void; roles: Role[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string; role: Role }>();
  const [invite, { loading }] = useMutation(INVITE);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; link: string | null } | null>(null);

  const submit = async (fields: { email: string; role: Role }) => {
    setProblem(null);
    try {
      // The pending invitations below show the new one at once.
      const { data } = await invite({ variables: { input: fields }, refetchQueries: ['PendingInvitations'] });
      const token = data?.inviteMember.token;
      setCreated({
        email: data?.inviteMember.invitation.email ?? fields.email,
        link: token ? invitationLink(token) : null,
      });
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.email': 'email', 'input.role': 'role' })) setProblem(errorText(t, e));
    }
  };

  return (
    <Modal open title={t('invite.title')} onCancel={onClose} footer={null} destroyOnHidden>
      {created ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message={t('invite.created', { email: created.email })} />
          {created.link && (
            <>
              <Typography.Text strong>{t('invite.link')}</Typography.Text>
              <Input.TextArea readOnly value={created.link} autoSize style={{ wordBreak: 'break-all' }} data-testid="invite-link" aria-label={t('invite.link')} />
              <Typography.Paragraph copyable={{ text: created.link, tooltips: [t('invite.copy'), t('invite.copied')] }} type="secondary">
                {t('invite.linkHelp')}
              </Typography.Paragraph>
            </>
          )}
        </Space>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: roles.includes('STAFF') ? 'STAFF' : roles.at(-1) }} requiredMark={false} disabled={loading}>
          {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 16 }} />}
          <Form.Item name="email" label={t('invite.email')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}>
            <Input inputMode="email" autoComplete="off" data-testid="invite-email" />
          </Form.Item>
          <Form.Item name="role" label={t('invite.role')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select<Role> options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} data-testid="invite-role" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={loading} data-testid="invite-submit">{t('invite.submit')}</Button>
        </Form>
      )}
    </Modal>
  );
}
