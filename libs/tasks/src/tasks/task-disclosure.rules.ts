import { defineAccessRules, fieldsInCategories } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { Person, PersonAttribute } from '@zhulian/registry';

/** How long after a task ends its volunteer still sees what it disclosed (to report, to be reached about it). */
export const ACCESS_AFTER_TASK_HOURS = 24;

/**
 * What a held claim reveals of the person served, and when: the basics (name) while the volunteer holds
 * the task; the phone masked until the day of the task, in full from that day; the address only during
 * the task (from two hours before it starts to an hour after it ends). The rest ends a day after the task. A pending, waitlisted
 * or released claim reveals nothing. One attribute, computed once per person: the kinds of disclosure now
 * open to the acting volunteer through the tasks they hold for that person. Declared to the registry by
 * TasksModule (`providePersonAttribute`), so it exists exactly when volunteer tasks are part of the application.
 */
export const TASK_DISCLOSES_TO_ME: PersonAttribute = {
  name: 'taskDisclosesToMe',
  array: true,
  sql: `SELECT array_agg(DISTINCT d.kind) FROM task_claims c JOIN tasks t ON t.id = c.task_id
  CROSS JOIN LATERAL (VALUES
    ('basic', 'basic' = ANY(t.discloses)),
    ('phoneMasked', 'contact' = ANY(t.discloses)),
    ('phone', 'contact' = ANY(t.discloses) AND now() >= ((t.starts_at AT TIME ZONE 'Asia/Shanghai')::date::timestamp AT TIME ZONE 'Asia/Shanghai')),
    ('address', 'location' = ANY(t.discloses) AND now() >= t.starts_at - interval '2 hours' AND now() < t.ends_at + interval '1 hour')
  ) AS d(kind, open)
  WHERE t.person_id = p.id AND c.volunteer_id = :actingUser AND c.status IN ('HELD', 'COMPLETED') AND t.status <> 'CANCELLED'
    AND now() < t.ends_at + interval '${ACCESS_AFTER_TASK_HOURS} hours' AND d.open`,
};

defineAccessRules('PersonTaskDisclosures', (actor, { can }) => {
  if (actor.acting!.role !== Role.VOLUNTEER) return;
  can('read', 'Person', fieldsInCategories(Person, ['basic']).filter((f) => f !== 'household'), { taskDisclosesToMe: 'basic' }).because('task');
  can('read', 'Person', ['phone'], { taskDisclosesToMe: 'phone' }).because('task');
  can('readMasked', 'Person', ['phone'], { taskDisclosesToMe: 'phoneMasked' }).because('task');
  can('read', 'Person', ['address'], { taskDisclosesToMe: 'address' }).because('task');
});
