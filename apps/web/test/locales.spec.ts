import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };

const file = (name: string): Tree => JSON.parse(readFileSync(join(__dirname, '../src/locales', `${name}.json`), 'utf8'));
/** One language's words as the app loads them (see src/locales/words.*.ts): the main file, and the task and insight files under their keys. */
const load = (lng: string): Tree => ({ ...file(lng), tasks: file(`tasks.${lng}`), orgTasks: file(`org-tasks.${lng}`), insights: file(`insights.${lng}`) });

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
}

describe('translations', () => {
  const zh = load('zh-CN');
  const en = load('en');

  it('have the same keys in zh-CN and en', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it('use the same placeholders in both languages', () => {
    const get = (tree: Tree, key: string) => key.split('.').reduce<Tree | string>((node, part) => (node as Tree)[part], tree) as string;
    for (const key of keys(zh)) expect([key, placeholders(get(en, key))]).toEqual([key, placeholders(get(zh, key))]);
  });

  it('name every role, organisation kind, household relation, duplicate reason, list order, case and referral state, reason and outcome, and error code the API has', () => {
    const schema = readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8');
    const enumValues = (name: string) => schema.match(new RegExp(`enum ${name} \\{([^}]*)\\}`))![1].split('\n').map((l) => l.trim()).filter((l) => /^[A-Z_]+$/.test(l));
    const flat = new Set(keys(zh));
    for (const role of enumValues('Role')) expect(flat).toContain(`roles.${role}`);
    for (const kind of enumValues('OrganisationKind')) expect(flat).toContain(`orgKinds.${kind}`);
    for (const relation of enumValues('HouseholdRelation')) expect(flat).toContain(`relations.${relation}`);
    for (const reason of enumValues('DuplicateReason')) expect(flat).toContain(`duplicateReasons.${reason}`);
    for (const order of enumValues('PeopleOrder')) expect(flat).toContain(`people.order.${order}`);
    for (const status of enumValues('CaseStatus')) expect(flat).toContain(`caseStatus.${status}`);
    for (const priority of [...enumValues('CasePriority'), ...enumValues('ReferralUrgency')]) expect(flat).toContain(`priority.${priority}`);
    for (const outcome of enumValues('CaseOutcome')) expect(flat).toContain(`caseOutcome.${outcome}`);
    for (const kind of enumValues('CaseEventKind')) expect(flat).toContain(`caseEvents.${kind}`);
    for (const status of enumValues('ReferralStatus')) expect(flat).toContain(`referralStatus.${status}`);
    for (const reason of enumValues('ReferralReason')) expect(flat).toContain(`referralReason.${reason}`);
    for (const outcome of enumValues('ReferralOutcome')) expect(flat).toContain(`referralOutcome.${outcome}`);
    for (const severity of enumValues('AlertSeverity')) expect(flat).toContain(`insights.severities.${severity}`);
    for (const status of enumValues('InsightAlertStatus')) expect(flat).toContain(`insights.statuses.${status}`);
    for (const reason of enumValues('InsightDismissReason')) expect(flat).toContain(`insights.reasons.${reason}`);
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL']) {
      expect(flat).toContain(`errors.code.${code}`);
    }
  });
});
