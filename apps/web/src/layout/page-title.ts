/**
 * The translation key of the page a path shows, for the browser tab and a screen reader's first words:
 * the section a detail page belongs to (a case → 个案), the page's own name where it has one.
 */
const TITLES: [RegExp, string][] = [
  [/^\/login$/, 'login.title'],
  [/^\/accept-invitation$/, 'accept.title'],
  [/^\/people\/new$/, 'register.title'],
  [/^\/people(\/|$)/, 'nav.people'],
  [/^\/cases(\/|$)/, 'nav.cases'],
  [/^\/referrals(\/|$)/, 'nav.referrals'],
  [/^\/directory(\/|$)/, 'nav.directory'],
  [/^\/tasks(\/|$)/, 'nav.board'],
  [/^\/my-tasks$/, 'nav.myTasks'],
  [/^\/hours(\/|$)/, 'nav.hours'],
  [/^\/profile$/, 'nav.profile'],
  [/^\/org-tasks(\/|$)/, 'nav.orgTasks'],
  [/^\/volunteers$/, 'nav.volunteers'],
  [/^\/alerts\/rules$/, 'insights.rules.title'],
  [/^\/alerts(\/|$)/, 'nav.alerts'],
  [/^\/signals$/, 'nav.signals'],
  [/^\/intake$/, 'insights.intake.title'],
  [/^\/oversight$/, 'nav.oversight'],
  [/^\/members$/, 'nav.members'],
  [/^\/audit$/, 'nav.audit'],
  [/^\/$/, 'nav.home'],
];

export function pageTitleKey(pathname: string): string {
  return TITLES.find(([path]) => path.test(pathname))?.[1] ?? 'notFound.title';
}
