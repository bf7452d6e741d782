/**
 * Which screens serve which role: the one place the menu, the route guard and the organisation switch
 * ask. Each entry mirrors the API's own check for what the page needs (named beside it), so a screen
 * that the API would refuse is not offered, and typed in, it says so instead of showing an error.
 */

/** What the guard and the menu know of the membership the person acts through. */
export interface ActingAs {
  role: string;
  organisation: { kind: string };
}

/** Null: signed in, but acting for no organisation (every membership ended). */
type Rule = (acting: ActingAs | null) => boolean;

const roles = (...allowed: string[]): Rule => (acting) => !!acting && allowed.includes(acting.role);
const everyone: Rule = () => true;
const inGovernmentOffice = (rule: Rule): Rule => (acting) => acting?.organisation.kind === 'GOVERNMENT_OFFICE' && rule(acting);

/** libs/identity MEMBER_LIST_ROLES: a volunteer group's roster is its members' personal data. */
const MEMBER_LISTERS = roles('PLATFORM_ADMIN', 'ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF', 'AUDITOR');
/** libs/registry person.rules (recordRules) and referral.rules RECEIVERS: the roles that work with people. */
const PEOPLE_WORKERS = roles('ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF');
/** libs/registry REGISTRARS, libs/cases CASE_OPENERS, libs/insights intake: who takes people in. */
const REGISTRARS = roles('COORDINATOR', 'CASEWORKER');
/** libs/directory SERVICE_EDITORS. */
const SERVICE_EDITORS = roles('ORG_ADMIN', 'COORDINATOR');
/** libs/tasks TASK_POSTERS. */
const TASK_POSTERS = roles('ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF');
const VOLUNTEERS = roles('VOLUNTEER');
/** libs/tasks GROUP_KEEPERS, of a volunteer group. */
const GROUP_KEEPERS: Rule = (acting) => acting?.organisation.kind === 'VOLUNTEER_GROUP' && ['ORG_ADMIN', 'COORDINATOR'].includes(acting.role);
/** libs/insights insight-alert.rules: early warnings go to coordinators only. */
const ALERT_READERS = roles('COORDINATOR');

export interface RouteAccess {
  /** The route's path as App.tsx declares it. */
  path: string;
  allows: Rule;
  /** Where its list is: the page to land on when the organisation is switched while this page is open. */
  list?: string;
}

/** Every signed-in route of App.tsx; a path not here (the not-found page) is open to all. */
export const ROUTE_ACCESS: readonly RouteAccess[] = [
  { path: '/', allows: everyone },
  { path: '/members', allows: MEMBER_LISTERS },
  // libs/access AuditQueryService: only auditors read the audit trail.
  { path: '/audit', allows: roles('AUDITOR') },
  { path: '/people', allows: PEOPLE_WORKERS },
  { path: '/people/new', allows: REGISTRARS, list: '/people' },
  { path: '/people/:id', allows: PEOPLE_WORKERS, list: '/people' },
  { path: '/cases', allows: PEOPLE_WORKERS },
  { path: '/cases/:id', allows: PEOPLE_WORKERS, list: '/cases' },
  { path: '/referrals', allows: PEOPLE_WORKERS },
  { path: '/referrals/:id', allows: PEOPLE_WORKERS, list: '/referrals' },
  // libs/directory service.rules: the directory is the alliance's shared list, read by every member.
  { path: '/directory', allows: everyone },
  { path: '/directory/new', allows: SERVICE_EDITORS, list: '/directory' },
  { path: '/directory/:id', allows: everyone, list: '/directory' },
  { path: '/tasks', allows: VOLUNTEERS },
  { path: '/tasks/:id', allows: VOLUNTEERS, list: '/tasks' },
  { path: '/my-tasks', allows: VOLUNTEERS },
  { path: '/hours', allows: VOLUNTEERS },
  { path: '/hours/statement', allows: VOLUNTEERS, list: '/hours' },
  { path: '/profile', allows: VOLUNTEERS },
  { path: '/org-tasks', allows: TASK_POSTERS },
  { path: '/org-tasks/new', allows: TASK_POSTERS, list: '/org-tasks' },
  { path: '/org-tasks/:id', allows: TASK_POSTERS, list: '/org-tasks' },
  { path: '/org-tasks/:id/edit', allows: TASK_POSTERS, list: '/org-tasks' },
  { path: '/volunteers', allows: GROUP_KEEPERS },
  { path: '/alerts', allows: ALERT_READERS },
  { path: '/alerts/rules', allows: ALERT_READERS, list: '/alerts' },
  { path: '/alerts/:id', allows: ALERT_READERS, list: '/alerts' },
  // libs/insights SignalImportService and RegionDashboardService: a civil-affairs office's own.
  { path: '/signals', allows: inGovernmentOffice(roles('COORDINATOR')) },
  { path: '/intake', allows: REGISTRARS },
  { path: '/oversight', allows: inGovernmentOffice(roles('COORDINATOR', 'AUDITOR')) },
];

/** The declared route a path opens: static segments before parameters, as the router ranks them. */
export function routeOf(pathname: string): RouteAccess | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const parts = path.split('/');
  const fits = ROUTE_ACCESS.filter((route) => {
    const pattern = route.path.split('/');
    return pattern.length === parts.length && pattern.every((p, i) => p.startsWith(':') ? parts[i] !== '' : p === parts[i]);
  });
  const params = (route: RouteAccess) => route.path.split('/').filter((p) => p.startsWith(':')).length;
  return fits.sort((a, b) => params(a) - params(b))[0];
}

/** Whether the acting membership may open the page at this path (a page no route declares: the not-found page, open to all). */
export function canOpen(pathname: string, acting: ActingAs | null | undefined): boolean {
  const route = routeOf(pathname);
  return !route || route.allows(acting ?? null);
}

/**
 * Where to be after switching to another organisation: a record, a form or a sub-page was the other
 * organisation's, so its list; a list or a page that the new role may open, where it is; else home.
 */
export function pageAfterSwitch(pathname: string, acting: ActingAs): string {
  const route = routeOf(pathname);
  const target = route?.list ?? pathname;
  return canOpen(target, acting) ? target : '/';
}
