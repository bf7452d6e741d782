import { ReactNode } from 'react';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { AppShell } from './AppShell';

/**
 * What only a signed-in person needs around a page: live updates (and their socket library) and the app's
 * menus. Its own chunk, fetched while the session is checked, so the sign-in page never carries it.
 */
export function SignedInFrame({ bare, children }: { bare: boolean; children: ReactNode }) {
  return <RealtimeProvider>{bare ? children : <AppShell>{children}</AppShell>}</RealtimeProvider>;
}
