import { ReactNode } from 'react';
import { UnsavedChangesHost } from '../forms/unsaved-changes';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { AppShell } from './AppShell';
import { RoleGuard } from './RoleGuard';

/**
 * What only a signed-in person needs around a page: live updates (and their socket library) and the app's
 * menus. Its own chunk, fetched while the session is checked, so the sign-in page never carries it. A page
 * the acting role may not open says so instead (route-access.ts decides, for the menu too), and a form with
 * unsaved changes asks before it is left.
 */
export function SignedInFrame({ bare, children }: { bare: boolean; children: ReactNode }) {
  const page = <UnsavedChangesHost><RoleGuard>{children}</RoleGuard></UnsavedChangesHost>;
  return <RealtimeProvider>{bare ? page : <AppShell>{page}</AppShell>}</RealtimeProvider>;
}
