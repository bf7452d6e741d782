import { LockOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isWithheld } from '../../access-notes';
import { FieldValue, Guarded, yuan } from '../../components/Guarded';
import { regionName } from '../../regions';
import type { PersonQuery } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { REGISTRAR_ROLES } from './PeoplePage';

type PersonData = NonNullable<PersonQuery['person']>;

function Withheld({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('person.withheldWhy')}>
      <Typography.Text type="secondary" data-testid={`withheld-${testId}`}><LockOutlined aria-hidden /> {t('person.withheld')}</Typography.Text>
    </Tooltip>
  );
}

/** The person's household (户): its shared facts and its members, each as far as the rules allow. */
export function HouseholdCard({ person }: { person: PersonData }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const acting = useActing();
  const household = person.household;
  const path = 'person.household';
  // A household can only be joined by registering into it, and only the organisation holding it may.
  const canAdd = !!household && !!acting && REGISTRAR_ROLES.includes(acting.role) && household.holdingOrganisationId === acting.organisation.id;

  let body;
  if (!household) {
    body = isWithheld('Person', 'person', 'household') ? <Withheld testId="household" />
      // A relation to a head says there is a household; the household's own rules keep it from view.
      : person.relationToHead ? <Typography.Text type="secondary" data-testid="household-hidden"><LockOutlined aria-hidden /> {t('household.hidden')}</Typography.Text>
      : <Typography.Text type="secondary" data-testid="household-none">{t('household.none')}</Typography.Text>;
  } else {
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('household.relation')}>
            <FieldValue operation="Person" path="person" field="relationToHead" value={person.relationToHead} format={(r) => t(`relations.${r}`)} />
          </Descriptions.Item>
          <Descriptions.Item label={t('household.region')}>
            <FieldValue operation="Person" path={path} field="regionCode" value={household.regionCode} format={(code) => regionName(t, String(code))} testId="household-regionCode" />
          </Descriptions.Item>
          <Descriptions.Item label={t('household.address')}>
            <FieldValue operation="Person" path={path} field="address" value={household.address} testId="household-address" />
          </Descriptions.Item>
          <Descriptions.Item label={t('household.income')}>
            <FieldValue operation="Person" path={path} field="monthlyIncomeCents" value={household.monthlyIncomeCents} format={yuan} testId="household-monthlyIncomeCents" />
          </Descriptions.Item>
        </Descriptions>
        <div>
          <Typography.Text strong>{t('household.members')}</Typography.Text>
          {household.members === null || household.members === undefined ? (
            <div>{isWithheld('Person', path, 'members') ? <Withheld testId="household-members" /> : t('person.notRecorded')}</div>
          ) : (
            <List
              size="small"
              dataSource={household.members}
              data-testid="household-members"
              locale={{ emptyText: t('household.noMembersVisible') }}
              renderItem={(member) => (
                <List.Item data-testid={`household-member-${member.id}`}>
                  <Space wrap>
                    {member.id === person.id
                      ? <Typography.Text strong><Guarded value={member.fullName} /> {t('household.thisPerson')}</Typography.Text>
                      : <Link to={`/people/${member.id}`}><Guarded value={member.fullName} /></Link>}
                    {member.relationToHead && <Tag color={member.relationToHead === 'HEAD' ? 'blue' : 'default'}>{t(`relations.${member.relationToHead}`)}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          )}
          {household.members && <Typography.Text type="secondary">{t('household.membersNote')}</Typography.Text>}
        </div>
      </Space>
    );
  }

  return (
    <Card
      title={t('household.title')}
      data-testid="household"
      extra={canAdd && (
        <Button icon={<UsergroupAddOutlined />} onClick={() => navigate(`/people/new?householdId=${household!.id}`)} data-testid="household-add-member">
          {t('household.addMember')}
        </Button>
      )}
    >
      {body}
    </Card>
  );
}
