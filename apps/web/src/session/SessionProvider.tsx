import { useApolloClient } from '@apollo/client/react';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import * as store from './session-store';
import type { SessionUser } from './session-store';

type Status = 'loading' | 'signedIn' | 'signedOut';

interface SessionValue {
  status: Status;
  user: SessionUser | null;
  /** Why the last session ended, to tell the person on the sign-in page. */
  notice: 'ENDED' | 'LOGOUT' | null;
  organisationId: string | null;
  activeMemberships: SessionUser['memberships'];
  switchOrganisation: (id: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [status, setStatus] = useState<Status>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [notice, setNotice] = useState<'ENDED' | 'LOGOUT' | null>(null);
  const [organisationId, setOrganisationId] = useState(store.organisationId());

  useEffect(() => {
    let someoneWasSignedIn = false;
    let heard = false;
    let active = true;
    const apply = (event: NonNullable<ReturnType<typeof store.lastSessionEvent>>) => {
      if (event.kind === 'signedIn') {
        someoneWasSignedIn = true;
        setUser(event.user);
        setOrganisationId(store.organisationId());
        setNotice(null);
        setStatus('signedIn');
      } else {
        setUser(null);
        setStatus('signedOut');
        if (event.reason !== 'NONE') setNotice(event.reason);
        // What a signed-in person read goes with them. Finding no session at start-up leaves nothing to wipe, and
        // wiping then would fail the queries of public pages (an invitation's preview) that are in flight.
        if (someoneWasSignedIn || event.reason !== 'NONE') void client.clearStore();
        someoneWasSignedIn = false;
      }
    };
    const unsubscribe = store.onSessionChange((event) => {
      heard = true;
      apply(event);
    });
    // main.tsx starts the first check before this provider exists: its answer may have come before this listened.
    store.checkSession().then(
      () => {
        const event = store.lastSessionEvent();
        if (active && !heard && event) apply(event);
      },
      () => undefined, // no answer (no network): the skeleton stays, as it did
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client]);

  const switchOrganisation = useCallback(
    async (id: string) => {
      store.chooseOrganisation(id);
      setOrganisationId(id);
      // Everything on screen was read as the other organisation: read it again.
      await client.resetStore();
    },
    [client],
  );

  const value = useMemo<SessionValue>(
    () => ({
      status,
      user,
      notice,
      organisationId,
      activeMemberships: user?.memberships.filter((m) => m.status === 'ACTIVE') ?? [],
      switchOrganisation,
      signOut: store.logout,
    }),
    [status, user, notice, organisationId, switchOrganisation],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The membership the person acts through now. */
export function useActing() {
  const { activeMemberships, organisationId } = useSession();
  return activeMemberships.find((m) => m.organisation.id === organisationId) ?? activeMemberships[0] ?? null;
}
