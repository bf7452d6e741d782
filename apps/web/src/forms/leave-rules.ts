/** Where a navigation goes, as the router describes it. */
interface Place {
  pathname: string;
  search: string;
}

/**
 * Whether a navigation takes the person away from a form's page: another page does; a change of the
 * query string on the same page (a step, a filter) does not. Signing out, or a session that ended, goes
 * to the sign-in page without asking: nothing could be saved there anyway.
 */
export function leavesPage(current: Place, next: Place): boolean {
  if (next.pathname === '/login') return false;
  return current.pathname !== next.pathname;
}
