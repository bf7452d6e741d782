/**
 * SQL for other libs' statements that show a user's name or rest on a member's standing inside one
 * statement of their own (a page of notes with their authors, the caseworkers a case may go to), so that
 * no page costs a round trip more. The users and memberships tables stay identity's: other libs read them
 * only through these.
 */

/** SQL: joins the user `u` whose id is `userId` (an SQL expression); LEFT JOIN keeps the rows with none. Their name: `userName(u)`. */
export const joinUser = (u: string, userId: string, kind: 'JOIN' | 'LEFT JOIN' = 'JOIN') => `${kind} users ${u} ON ${u}.id = ${userId}`;

/** SQL: the display name of the user joined as `u` (see `joinUser`). */
export const userName = (u: string) => `${u}.display_name`;

/** SQL: the phone of the user joined as `u` (see `joinUser`): personal data, under the reading type's rules. */
export const userPhone = (u: string) => `${u}.phone`;

/**
 * SQL, a FROM item: the active memberships of active users, as `alias` with the columns `user_id`,
 * `organisation_id`, `role` and `display_name` (the user's). A plain subquery, which PostgreSQL plans as the join.
 */
export const activeMemberships = (alias: string) => `(SELECT m.user_id, m.organisation_id, m.role, u.display_name
    FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.status = 'ACTIVE' AND u.status = 'ACTIVE') ${alias}`;
