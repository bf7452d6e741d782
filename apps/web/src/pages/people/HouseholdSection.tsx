import { skipToken, useQuery } from '@apollo/client/react';
import { Form, FormInstance, Input, InputNumber, Radio, Select, Spin, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { HouseholdOptionFragment, HouseholdRelation } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { useDebounced } from '../../use-debounced';
import type { HouseholdChoice, RegistrationFields } from './register-input';

graphql(`
  fragment HouseholdOption on Household {
    id regionCode address holdingOrganisationId
    members { id fullName relationToHead }
  }
`);

const JOINING_HOUSEHOLD = graphql(`
  query JoiningHousehold($id: ID!) { household(id: $id) { ...HouseholdOption } }
`);

const HOUSEHOLD_FINDER = graphql(`
  query HouseholdFinder($name: String!) {
    people(first: 10, search: { name: $name }) { edges { node { id household { ...HouseholdOption } } } }
  }
`);

/** The head first, then the closest kin: the order a household register (户口簿) lists them in. */
export const RELATIONS: HouseholdRelation[] = ['HEAD', 'SPOUSE', 'PARENT', 'GRANDPARENT', 'SIBLING', 'CHILD', 'GRANDCHILD', 'OTHER'];
const CHOICES: HouseholdChoice[] = ['NONE', 'NEW', 'JOIN'];

/** "Head 王建华 · 3 people · address", as far as the worker may see them. */
export function householdLabel(t: TFunction, household: HouseholdOptionFragment): string {
  const members = household.members ?? [];
  const head = members.find((m) => m.relationToHead === 'HEAD') ?? members[0];
  return [
    t('household.headIs', { name: head?.fullName ?? t('person.withheld') }),
    t('household.memberCount', { count: members.length }),
    household.address,
  ].filter(Boolean).join(' · ');
}

/**
 * The household part of the register form: none, found a new one with this person as head (户主),
 * or join one the organisation holds — prefilled when the worker came from a member's record.
 */
export function HouseholdSection({ form }: { form: FormInstance<RegistrationFields> }) {
  const { t } = useTranslation();
  const choice = Form.useWatch('householdChoice', form);
  const householdId = Form.useWatch('householdId', form);
  const joining = useQuery(JOINING_HOUSEHOLD, choice === 'JOIN' && householdId ? { variables: { id: householdId } } : skipToken);
  const household = joining.data?.household;
  const hasHead = household?.members?.some((m) => m.relationToHead === 'HEAD') ?? false;

  // A new member usually lives where the household does: offer its address and region, never overwrite what was typed.
  useEffect(() => {
    if (!household) return;
    const untouched = (name: keyof RegistrationFields) => !form.isFieldTouched(name) && !form.getFieldValue(name);
    if (household.address && untouched('address')) form.setFieldsValue({ address: household.address });
    if (household.regionCode && !form.isFieldTouched('regionCode')) form.setFieldsValue({ regionCode: household.regionCode });
  }, [household, form]);

  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t('household.title')}</Typography.Title>
      <Form.Item name="householdChoice" label={t('register.household.choice')}>
        <Radio.Group data-testid="household-choice" options={CHOICES.map((c) => ({ value: c, label: t(`register.household.${c}`) }))} />
      </Form.Item>
      {choice === 'NEW' && (
        <>
          <Typography.Paragraph type="secondary">{t('register.household.founderIsHead')}</Typography.Paragraph>
          <Form.Item name="householdIncome" label={t('household.income')} extra={t('register.household.incomeHelp')}>
            <InputNumber min={0} step={100} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="householdAddress" label={t('household.address')} extra={t('register.household.addressHelp')}>
            <Input />
          </Form.Item>
        </>
      )}
      {choice === 'JOIN' && (
        <>
          <Form.Item
            name="householdId"
            label={t('register.household.which')}
            rules={[{ required: true, message: t('register.household.whichRequired') }]}
            extra={joining.error ? <Typography.Text type="danger">{errorText(t, joining.error)}</Typography.Text> : undefined}
          >
            <HouseholdPicker selected={household} />
          </Form.Item>
          <Form.Item name="relationToHead" label={t('household.relation')} rules={[{ required: true, message: t('register.household.relationRequired') }]}>
            <Select
              data-testid="relation-to-head"
              options={RELATIONS.filter((r) => r !== 'HEAD' || !hasHead).map((r) => ({ value: r, label: t(`relations.${r}`) }))}
            />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** Finds a household the organisation holds by a member's name. */
function HouseholdPicker({ value, onChange, selected }: { value?: string; onChange?: (id: string) => void; selected?: HouseholdOptionFragment }) {
  const { t } = useTranslation();
  const acting = useActing();
  const [text, setText] = useState('');
  const name = useDebounced(text.trim(), 300);
  const found = useQuery(HOUSEHOLD_FINDER, name ? { variables: { name } } : skipToken);
  const households = new Map<string, HouseholdOptionFragment>();
  if (selected) households.set(selected.id, selected);
  for (const { node } of found.data?.people.edges ?? []) {
    // Only the organisation's own households can be joined (the API refuses others).
    if (node.household && node.household.holdingOrganisationId === acting?.organisation.id) households.set(node.household.id, node.household);
  }
  return (
    <Select
      data-testid="household-picker"
      value={value}
      onChange={onChange}
      placeholder={t('register.household.findPlaceholder')}
      showSearch={{ onSearch: setText, filterOption: false }}
      loading={found.loading}
      notFoundContent={found.loading ? <Spin size="small" /> : name ? t('register.household.noneFound') : t('register.household.findPlaceholder')}
      options={[...households.values()].map((h) => ({ value: h.id, label: householdLabel(t, h) }))}
    />
  );
}
