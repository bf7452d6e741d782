import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Form, Grid, Input, List, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date } from '../../dates';
import { errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { GroupVolunteersQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { useSkillNames } from '../tasks/task-parts';
import { beijingToday, GROUP_KEEPERS, orgTaskError, PAGE_SIZE, PlainButtons } from './org-task-parts';

const GROUP_VOLUNTEERS = graphql(`
  query GroupVolunteers($first: Int, $after: String) {
    groupVolunteers(first: $first, after: $after) {
      edges { node { userId displayName phone idNumber skills areaCodes identityCheckedAt backgroundCheckValidUntil } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const VERIFY_VOLUNTEER = graphql(`
  mutation VerifyVolunteer($input: VerifyVolunteerInput!) {
    verifyVolunteer(input: $input) { userId identityCheckedAt backgroundCheckValidUntil }
  }
`);

type Volunteer = GroupVolunteersQuery['groupVolunteers']['edges'][number]['node'];

/**
 * A volunteer group's volunteers, for its coordinators and admins: who they are (as the API shows them to
 * the group that checks them), what they do and where, and the two checks that open tasks with children or
 * in homes — identity against the ID card, and a background check that lapses on a day.
 */
export function VolunteersPage() {
  const { t } = useTranslation();
  const acting = useActing();
  const keeper = !!acting && acting.organisation.kind === 'VOLUNTEER_GROUP' && GROUP_KEEPERS.includes(acting.role);
  if (!keeper) return <Result status="403" title={t('orgTasks.volunteers.notForYou')} />;
  return <PlainButtons><GroupVolunteers /></PlainButtons>;
}

function GroupVolunteers() {
  const { t, i18n } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const skillName = useSkillNames();
  const { data, loading, error, fetchMore } = useQuery(GROUP_VOLUNTEERS, { variables: { first: PAGE_SIZE } });
  const [verifying, setVerifying] = useState<Volunteer | null>(null);
  const rows = data?.groupVolunteers.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.groupVolunteers.pageInfo;
  const today = beijingToday();

  const withheld = <Typography.Text type="secondary">{t('orgTasks.volunteers.none')}</Typography.Text>;
  const identity = (v: Volunteer) => (v.identityCheckedAt
    ? <Tag color="green" icon={<CheckCircleOutlined />} data-testid="volunteer-identity" data-checked="true">{t('orgTasks.volunteers.identityCheckedOn', { date: date(v.identityCheckedAt, i18n.resolvedLanguage) })}</Tag>
    : <Tag data-testid="volunteer-identity" data-checked="false">{t('orgTasks.volunteers.identityNotChecked')}</Tag>);
  const background = (v: Volunteer) => {
    if (!v.backgroundCheckValidUntil) return <Tag data-testid="volunteer-background">{t('orgTasks.volunteers.noBackgroundCheck')}</Tag>;
    const lapsed = v.backgroundCheckValidUntil < today;
    return (
      <Tag color={lapsed ? 'red' : 'green'} icon={lapsed ? <WarningOutlined /> : undefined} data-testid="volunteer-background" data-lapsed={String(lapsed)}>
        {t(lapsed ? 'orgTasks.volunteers.backgroundLapsed' : 'orgTasks.volunteers.backgroundUntil', { date: v.backgroundCheckValidUntil })}
      </Tag>
    );
  };
  const skills = (v: Volunteer) => ((v.skills ?? []).length ? <Space size={4} wrap>{v.skills!.map((s) => <Tag key={s} bordered={false}>{skillName(s)}</Tag>)}</Space> : withheld);
  const areas = (v: Volunteer) => ((v.areaCodes ?? []).map((c) => regionName(t, c)).join(t('common.listSeparator')) || withheld);
  const verify = (v: Volunteer) => <Button onClick={() => setVerifying(v)} data-testid="volunteer-verify">{t('orgTasks.volunteers.verify')}</Button>;

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('orgTasks.volunteers.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('orgTasks.volunteers.explain')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      {phone ? (
        <List
          loading={loading && !data}
          dataSource={rows}
          locale={{ emptyText: t('orgTasks.volunteers.empty') }}
          renderItem={(v) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="volunteer-row" data-user-id={v.userId}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong data-testid="volunteer-name">{v.displayName ?? withheld}</Typography.Text>
                  {v.phone ? <a href={`tel:${v.phone}`}>{v.phone}</a> : withheld}
                </Space>
                <Typography.Text type="secondary">{t('orgTasks.volunteers.idNumber')}：{v.idNumber ?? t('orgTasks.volunteers.noIdNumber')}</Typography.Text>
                {skills(v)}
                <Typography.Text type="secondary">{t('orgTasks.volunteers.areas')}：{areas(v)}</Typography.Text>
                <Space size={4} wrap>{identity(v)}{background(v)}</Space>
                <div>{verify(v)}</div>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Volunteer>
          rowKey="userId"
          loading={loading && !data}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('orgTasks.volunteers.empty') }}
          onRow={(v) => ({ 'data-testid': 'volunteer-row', 'data-user-id': v.userId }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('orgTasks.volunteers.name'), key: 'name', render: (_, v) => <span data-testid="volunteer-name" style={{ whiteSpace: 'nowrap' }}>{v.displayName ?? withheld}</span> },
            { title: t('orgTasks.volunteers.phone'), key: 'phone', render: (_, v) => v.phone ?? withheld },
            { title: t('orgTasks.volunteers.idNumber'), key: 'id', render: (_, v) => v.idNumber ?? <Typography.Text type="secondary">{t('orgTasks.volunteers.noIdNumber')}</Typography.Text> },
            { title: t('orgTasks.volunteers.skills'), key: 'skills', render: (_, v) => skills(v) },
            { title: t('orgTasks.volunteers.areas'), key: 'areas', render: (_, v) => <span style={{ whiteSpace: 'nowrap' }}>{areas(v)}</span> },
            { title: t('orgTasks.volunteers.checks'), key: 'checks', render: (_, v) => <Space size={4} wrap>{identity(v)}{background(v)}</Space> },
            { title: '', key: 'verify', render: (_, v) => verify(v) },
          ]}
        />
      )}
      {pageInfo?.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { first: PAGE_SIZE, after: pageInfo.endCursor } })} data-testid="load-more">{t('members.loadMore')}</Button>
      )}
      {verifying && <VerifyDialog volunteer={verifying} onClose={() => setVerifying(null)} />}
    </div>
  );
}

interface VerifyFields { identityChecked: boolean; hasBackgroundCheck: boolean; backgroundCheckValidUntil?: string }

/** Recording the checks: identity against the ID card (only once the volunteer entered one), a background check until a day. */
function VerifyDialog({ volunteer, onClose }: { volunteer: Volunteer; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VerifyFields>();
  const [verify, { loading }] = useMutation(VERIFY_VOLUNTEER, { refetchQueries: ['GroupVolunteers'], awaitRefetchQueries: true });
  const [problem, setProblem] = useState<string | null>(null);
  const hasBackgroundCheck = Form.useWatch('hasBackgroundCheck', form);
  const name = volunteer.displayName ?? '';
  const noId = !volunteer.idNumber && !volunteer.identityCheckedAt;

  const submit = async (f: VerifyFields) => {
    setProblem(null);
    try {
      await verify({ variables: { input: {
        userId: volunteer.userId, identityChecked: f.identityChecked, ...(f.hasBackgroundCheck && f.backgroundCheckValidUntil ? { backgroundCheckValidUntil: f.backgroundCheckValidUntil } : {}),
      } } });
      void message.success(t('orgTasks.volunteers.verified', { name }));
      onClose();
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.identityChecked': 'identityChecked', 'input.backgroundCheckValidUntil': 'backgroundCheckValidUntil' }, 'task')) {
        setProblem(orgTaskError(t, e));
      }
    }
  };

  return (
    <Modal open title={t('orgTasks.volunteers.verifyTitle', { name })} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('orgTasks.volunteers.verifyExplain')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="verify-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={loading} initialValues={{
        identityChecked: !!volunteer.identityCheckedAt, hasBackgroundCheck: !!volunteer.backgroundCheckValidUntil, backgroundCheckValidUntil: volunteer.backgroundCheckValidUntil ?? undefined,
      }}>
        <Form.Item name="identityChecked" valuePropName="checked" extra={noId ? t('orgTasks.volunteers.identityNeedsId') : t('orgTasks.volunteers.identityHelp')}>
          <Checkbox disabled={noId} data-testid="verify-identity">{t('orgTasks.volunteers.identityChecked')}</Checkbox>
        </Form.Item>
        <Form.Item name="hasBackgroundCheck" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="verify-has-background">{t('orgTasks.volunteers.hasBackgroundCheck')}</Checkbox>
        </Form.Item>
        {hasBackgroundCheck && (
          <Form.Item name="backgroundCheckValidUntil" label={t('orgTasks.volunteers.validUntil')} extra={t('orgTasks.volunteers.validUntilHelp')}
            rules={[{ required: true, message: t('orgTasks.volunteers.validUntilRequired') }]}>
            <Input type="date" style={{ width: 200 }} data-testid="verify-valid-until" />
          </Form.Item>
        )}
        {!hasBackgroundCheck && volunteer.backgroundCheckValidUntil && (
          <Typography.Paragraph type="warning">{t('orgTasks.volunteers.removingBackground')}</Typography.Paragraph>
        )}
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="verify-submit">{t('orgTasks.volunteers.save')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
