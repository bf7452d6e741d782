import { useApolloClient } from '@apollo/client/react';
import { createContext, ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { io, Socket } from 'socket.io-client';
import * as store from '../session/session-store';
import { useSession } from '../session/SessionProvider';

/** One live event as the API sends it (libs/realtime RealtimeMessage). */
export interface LiveEvent {
  id: number;
  kind: string;
  subjectType: string;
  subjectId: string;
  occurredAt: string;
  params: Record<string, string | number | boolean | null>;
  data: Record<string, unknown> | null;
}

/** `live`: connected; `lost`: the connection dropped and is being restored; `back`: restored a moment ago, missed events applied. */
export type LiveState = 'connecting' | 'live' | 'lost' | 'back';

interface RealtimeValue {
  state: LiveState;
  /** The newest event received (drives refreshes that a screen wants to do itself). */
  last: LiveEvent | null;
}

const RealtimeContext = createContext<RealtimeValue>({ state: 'connecting', last: null });

export function useRealtime(): RealtimeValue {
  return useContext(RealtimeContext);
}

/** Where the last event id is kept per user and organisation, so that a reload resumes where it left off. */
const lastKey = (userId: string, organisationId: string | null) => `zhulian.lastEventId.${userId}.${organisationId ?? ''}`;
/** How long the "connection lost" banner waits before showing: a reconnect within it goes unnoticed. */
const LOST_AFTER_MS = 2_000;

/**
 * The realtime socket of the signed-in person, for the organisation they act for: it follows every
 * change that concerns them and refreshes what is on screen (the active queries) when one arrives. After a
 * reconnection the API replays what was missed; if it was too much, everything on screen is read again.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { status, user, organisationId } = useSession();
  const userId = user?.id ?? null;
  const [state, setState] = useState<LiveState>('connecting');
  const [last, setLast] = useState<LiveEvent | null>(null);
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    if (status !== 'signedIn' || !userId) return undefined;
    const key = lastKey(userId, organisationId);
    const seen = new Set<number>();
    let lastId = Number(sessionStorage.getItem(key) ?? '') || undefined;
    let refetchTimer: ReturnType<typeof setTimeout> | undefined;
    let lostTimer: ReturnType<typeof setTimeout> | undefined;
    let backTimer: ReturnType<typeof setTimeout> | undefined;
    let everConnected = false;
    const refreshScreen = () => {
      clearTimeout(refetchTimer);
      // A burst of events refreshes once.
      refetchTimer = setTimeout(() => void client.refetchQueries({ include: 'active' }).catch(() => undefined), 250);
    };
    const socket = io({
      path: '/socket.io',
      transports: ['websocket'],
      // Asked again at every (re)connection: the current token, and the last event seen.
      auth: (cb) => cb({ token: store.currentAccessToken(), organisationId, lastEventId: lastId }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    socketRef.current = socket;
    socket.on('event', (event: LiveEvent) => {
      if (seen.has(event.id)) return; // delivery is at least once
      seen.add(event.id);
      if (lastId === undefined || event.id > lastId) {
        lastId = event.id;
        sessionStorage.setItem(key, String(event.id));
      }
      setLast(event);
      refreshScreen();
    });
    socket.on('ready', (ready: { lastEventId: number; complete: boolean }) => {
      clearTimeout(lostTimer);
      if (lastId === undefined || ready.lastEventId > lastId) {
        lastId = ready.lastEventId;
        sessionStorage.setItem(key, String(lastId));
      }
      if (!ready.complete) refreshScreen();
      if (everConnected) {
        setState('back');
        clearTimeout(backTimer);
        backTimer = setTimeout(() => setState('live'), 4_000);
        refreshScreen();
      } else {
        setState('live');
      }
      everConnected = true;
    });
    socket.on('disconnect', () => {
      clearTimeout(lostTimer);
      lostTimer = setTimeout(() => setState('lost'), LOST_AFTER_MS);
    });
    socket.on('closing', (message: { reason?: string }) => {
      // The token ran out: get a fresh one, and the reconnection carries it.
      if (message.reason === 'ACCESS_TOKEN_EXPIRED') void store.refresh().then(() => socket.connect());
      else void store.refresh().then((signedIn) => signedIn && socket.connect());
    });
    socket.on('connect_error', (error: Error & { data?: { reason?: string } }) => {
      clearTimeout(lostTimer);
      lostTimer = setTimeout(() => setState('lost'), LOST_AFTER_MS);
      const reason = error.data?.reason;
      // A refused handshake does not retry by itself: refresh the session (or learn that it ended), then try again.
      if (reason === 'ACCESS_TOKEN_EXPIRED' || reason === 'ACCESS_TOKEN_INVALID' || reason === 'SIGN_IN_REQUIRED') {
        void store.refresh().then((signedIn) => signedIn && setTimeout(() => socket.connect(), 500));
      }
    });
    // A renewed access token renews the socket's, so that it does not close when the old one runs out.
    const unsubscribe = store.onSessionChange((event) => {
      if (event.kind === 'signedIn' && socket.connected) socket.emit('renew', store.currentAccessToken());
    });
    return () => {
      unsubscribe();
      clearTimeout(refetchTimer);
      clearTimeout(lostTimer);
      clearTimeout(backTimer);
      socket.close();
      socketRef.current = null;
      setState('connecting');
    };
  }, [client, status, userId, organisationId]);

  return <RealtimeContext.Provider value={{ state, last }}>{children}</RealtimeContext.Provider>;
}
