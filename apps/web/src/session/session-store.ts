import { DocumentNode, print } from 'graphql';
import { graphql } from '../gql';
import { PREFERENCE_COOKIES, rememberInCookie } from '../preference-cookie';

/**
 * The browser side of a session. The access token lives in this module's memory only; the refresh
 * token is an HttpOnly cookie the page cannot read (the API sets it when asked with
 * `X-Session-Transport: cookie`). A reload therefore starts signed out and spends the cookie once to
 * get a new access token. Refreshes are serialised across tabs with a Web Lock, because the API
 * treats a refresh token spent twice as stolen and ends the session.
 */

export interface ApiError {
  message: string;
  extensions?: { code?: string; reason?: string; field?: string; requestId?: string; retryAfterSeconds?: number; found?: string };
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: ApiError[];
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  memberships: {
    id: string;
    role: string;
    status: string;
    organisation: { id: string; name: string; kind: string; regionCode: string; parent: { id: string; name: string } | null };
  }[];
}

interface Issued {
  accessToken: string;
  accessTokenExpiresAt: string;
  user: SessionUser;
}

// Checked against schema.graphql by the code generator like every other document of the app.
graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    user { id email displayName memberships { id role status organisation { id name kind regionCode parent { id name } } } }
  }
`);
const LOGIN = graphql(`mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }`);
const ACCEPT = graphql(`mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ...SessionFields } }`);
const REFRESH = graphql(`mutation Refresh { refreshSession { ...SessionFields } }`);
const LOGOUT = graphql(`mutation Logout { logout }`);
const ORGANISATION_KEY = 'zhulian.organisationId';
/** Reasons after which the session cannot continue: show the sign-in page. */
const ENDED = new Set(['SESSION_ENDED', 'ACCESS_TOKEN_INVALID', 'SIGN_IN_REQUIRED', 'REFRESH_TOKEN_REUSED', 'REFRESH_TOKEN_INVALID']);

export class GraphqlRequestError extends Error {
  constructor(readonly errors: ApiError[]) {
    super(errors[0]?.message ?? 'request failed');
  }
}

type Listener = (event: { kind: 'signedIn'; user: SessionUser } | { kind: 'signedOut'; reason: 'ENDED' | 'LOGOUT' | 'NONE' }) => void;

let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<Listener>();

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type SessionEvent = Parameters<Listener>[0];
let lastEvent: SessionEvent | null = null;

function emit(event: SessionEvent): void {
  lastEvent = event;
  for (const listener of listeners) listener(event);
}

/** The last change told to listeners (null before the first): for a listener that arrives after it. */
export function lastSessionEvent(): SessionEvent | null {
  return lastEvent;
}

/** The access token in use (null when signed out): the realtime socket's handshake carries it. */
export function currentAccessToken(): string | null {
  return accessToken;
}

export function organisationId(): string | null {
  return localStorage.getItem(ORGANISATION_KEY);
}

export function chooseOrganisation(id: string): void {
  localStorage.setItem(ORGANISATION_KEY, id);
  rememberInCookie(PREFERENCE_COOKIES.organisation, id);
}

/** Session requests go around Apollo: they must not be retried or cached, and they carry the cookie. */
async function post<T>(document: DocumentNode, variables: Record<string, unknown> = {}): Promise<GraphqlBody<T>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-session-transport': 'cookie' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as GraphqlBody<T>;
}

function started(issued: Issued): SessionUser {
  accessToken = issued.accessToken;
  clearTimeout(refreshTimer);
  // Refresh a minute before the access token runs out, so requests never meet an expired one.
  const delay = Math.max(5_000, new Date(issued.accessTokenExpiresAt).getTime() - Date.now() - 60_000);
  refreshTimer = setTimeout(() => void refresh(), delay);
  const active = issued.user.memberships.filter((m) => m.status === 'ACTIVE');
  const chosen = active.find((m) => m.organisation.id === organisationId()) ?? active[0];
  if (chosen) chooseOrganisation(chosen.organisation.id);
  emit({ kind: 'signedIn', user: issued.user });
  return issued.user;
}

function ended(reason: 'ENDED' | 'LOGOUT' | 'NONE'): void {
  accessToken = null;
  clearTimeout(refreshTimer);
  emit({ kind: 'signedOut', reason });
}

export async function login(email: string, password: string): Promise<SessionUser> {
  const body = await post<{ login: Issued }>(LOGIN, { input: { email, password } });
  if (!body.data?.login) throw new GraphqlRequestError(body.errors ?? []);
  return started(body.data.login);
}

export async function acceptInvitation(input: { token: string; displayName: string; password: string; phone?: string }): Promise<SessionUser> {
  const body = await post<{ acceptInvitation: Issued }>(ACCEPT, { input });
  if (!body.data?.acceptInvitation) throw new GraphqlRequestError(body.errors ?? []);
  return started(body.data.acceptInvitation);
}

let refreshing: Promise<SessionUser | null> | null = null;

/** Spends the refresh cookie for a new access token; null (and signed out) when there is no session. */
export function refresh(): Promise<SessionUser | null> {
  refreshing ??= withRefreshLock(async () => {
    const body = await post<{ refreshSession: Issued }>(REFRESH);
    if (body.data?.refreshSession) return started(body.data.refreshSession);
    const reason = body.errors?.[0]?.extensions?.reason;
    ended(reason === 'REFRESH_TOKEN_MISSING' ? 'NONE' : 'ENDED');
    return null;
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

let firstCheck: Promise<SessionUser | null> | null = null;

/**
 * The page's first look for a session (the refresh cookie spent once), shared: main.tsx starts it while the
 * app's code is still on its way, and the SessionProvider takes its answer instead of asking again. A check
 * that failed (no network) is made again by the next caller.
 */
export function checkSession(): Promise<SessionUser | null> {
  firstCheck ??= refresh().catch((error: unknown) => {
    firstCheck = null;
    throw error;
  });
  return firstCheck;
}

async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  if (!navigator.locks) return work();
  let result!: T;
  await navigator.locks.request('zhulian-session-refresh', async () => {
    result = await work();
  });
  return result;
}

export async function logout(): Promise<void> {
  try {
    await sessionFetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(LOGOUT) }) });
  } finally {
    ended('LOGOUT');
  }
}

/**
 * `fetch` for the GraphQL client: adds the access token and the acting organisation, refreshes once
 * when the access token has expired, and signs out when the API says the session is over (logout
 * elsewhere, deactivation).
 */
export async function sessionFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
    const organisation = organisationId();
    if (organisation) headers.set('x-organisation-id', organisation);
    return fetch(input, { ...init, headers, credentials: 'same-origin' });
  };
  let response = await send();
  let reason = await firstReason(response);
  if (reason === 'ACCESS_TOKEN_EXPIRED' && (await refresh())) {
    response = await send();
    reason = await firstReason(response);
  }
  if (reason && ENDED.has(reason)) ended('ENDED');
  return response;
}

async function firstReason(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const body = (await response.clone().json()) as GraphqlBody<unknown>;
    return body.errors?.[0]?.extensions?.reason;
  } catch {
    return undefined;
  }
}
