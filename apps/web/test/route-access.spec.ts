import { canOpen, pageAfterSwitch, ROUTE_ACCESS, routeOf } from '../src/layout/route-access';
import { leavesPage } from '../src/forms/leave-rules';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const as = (role: string, kind = 'GOVERNMENT_OFFICE') => ({ role, organisation: { kind } });
const volunteer = as('VOLUNTEER', 'VOLUNTEER_GROUP');
const ngoStaff = as('STAFF', 'NGO');
const orgAdmin = as('ORG_ADMIN', 'NGO');
const caseworker = as('CASEWORKER');
const coordinator = as('COORDINATOR');
const groupCoordinator = as('COORDINATOR', 'VOLUNTEER_GROUP');
const auditor = as('AUDITOR');
const admin = as('PLATFORM_ADMIN');

describe('which screens serve which role', () => {
  it('declares every signed-in route of App.tsx, and nothing App.tsx does not route', () => {
    const app = readFileSync(join(__dirname, '../src/App.tsx'), 'utf8');
    const routed = [...app.matchAll(/signedIn\('([^']+)'/g), ...app.matchAll(/path: '([^']+)', element: <SignedIn/g)].map((m) => m[1]).filter((p) => p !== '*');
    expect([...routed].sort()).toEqual(ROUTE_ACCESS.map((r) => r.path).sort());
  });

  it('finds a path’s route, static parts before parameters', () => {
    expect(routeOf('/people/new')?.path).toBe('/people/new');
    expect(routeOf('/people/0193a000-0000-7000-8000-000000000001')?.path).toBe('/people/:id');
    expect(routeOf('/alerts/rules')?.path).toBe('/alerts/rules');
    expect(routeOf('/org-tasks/x/edit')?.path).toBe('/org-tasks/:id/edit');
    expect(routeOf('/cases/')?.path).toBe('/cases');
    expect(routeOf('/cases/x/y')).toBeUndefined();
  });

  it('keeps the members list, the audit trail and the records from a volunteer, and gives them their own screens', () => {
    for (const path of ['/members', '/audit', '/people', '/people/new', '/cases', '/cases/1', '/referrals', '/org-tasks', '/alerts', '/intake', '/oversight']) {
      expect([path, canOpen(path, volunteer)]).toEqual([path, false]);
    }
    for (const path of ['/', '/tasks', '/tasks/1', '/my-tasks', '/hours', '/hours/statement', '/profile', '/directory']) expect([path, canOpen(path, volunteer)]).toEqual([path, true]);
  });

  it('lets only auditors read the audit trail, and only those who take people in register them', () => {
    expect([admin, coordinator, orgAdmin, caseworker, ngoStaff, volunteer].some((a) => canOpen('/audit', a))).toBe(false);
    expect(canOpen('/audit', auditor)).toBe(true);
    expect(canOpen('/people/new', ngoStaff)).toBe(false);
    expect(canOpen('/people/new', orgAdmin)).toBe(false);
    expect(canOpen('/people/new', caseworker)).toBe(true);
    expect(canOpen('/intake', caseworker)).toBe(true);
    expect(canOpen('/intake', ngoStaff)).toBe(false);
  });

  it('keeps a civil-affairs office’s screens to government offices, and a volunteer group’s to its keepers', () => {
    expect(canOpen('/signals', coordinator)).toBe(true);
    expect(canOpen('/signals', groupCoordinator)).toBe(false);
    expect(canOpen('/oversight', auditor)).toBe(true);
    expect(canOpen('/oversight', as('AUDITOR', 'NGO'))).toBe(false);
    expect(canOpen('/volunteers', groupCoordinator)).toBe(true);
    expect(canOpen('/volunteers', coordinator)).toBe(false);
    expect(canOpen('/directory/new', orgAdmin)).toBe(true);
    expect(canOpen('/directory/new', ngoStaff)).toBe(false);
  });

  it('opens only the home page and the not-found page to someone acting for no organisation', () => {
    expect(canOpen('/', null)).toBe(true);
    expect(canOpen('/nowhere', null)).toBe(true);
    expect(canOpen('/people', null)).toBe(false);
  });

  it('lands a switch made on a record, a form or a sub-page on its list, a list where it is, and a screen the new role lacks at home', () => {
    expect(pageAfterSwitch('/cases/0193a000', ngoStaff)).toBe('/cases');
    expect(pageAfterSwitch('/org-tasks/1/edit', ngoStaff)).toBe('/org-tasks');
    expect(pageAfterSwitch('/people/new', ngoStaff)).toBe('/people');
    expect(pageAfterSwitch('/referrals', ngoStaff)).toBe('/referrals');
    expect(pageAfterSwitch('/intake', ngoStaff)).toBe('/');
    expect(pageAfterSwitch('/alerts/1', ngoStaff)).toBe('/');
    expect(pageAfterSwitch('/', ngoStaff)).toBe('/');
  });
});

describe('what counts as leaving a form', () => {
  const at = (pathname: string, search = '') => ({ pathname, search });
  it('is another page, not another query string of the same one, and never the way to the sign-in page', () => {
    expect(leavesPage(at('/people/new'), at('/people'))).toBe(true);
    expect(leavesPage(at('/intake', '?alert=1'), at('/intake', '?alert=2'))).toBe(false);
    expect(leavesPage(at('/people/new'), at('/login'))).toBe(false);
  });
});
