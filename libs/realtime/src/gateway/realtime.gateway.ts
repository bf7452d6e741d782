import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { InjectDataSource } from '@nestjs/typeorm';
import { createAdapter } from '@socket.io/redis-adapter';
import { Actor, APP_CONFIG, AppConfig, isUuid, RedisConnection, toPublicError } from '@zhulian/core';
import { SessionChecks, StandingConnection } from '@zhulian/identity';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { RecipientReads, RecipientView } from '../delivery/recipient-reads';
import { EventFeed } from '../outbox/event-feed';
import { OutboxRelay } from '../outbox/outbox-relay';
import { concerns, PUBLISHED_EVENT_COLUMNS, PublishedEvent, PublishedEventRow, toPublishedEvent } from '../outbox/realtime-event';
import { CLIENT_MESSAGES, RealtimeHandshake, RealtimeMessage, SERVER_MESSAGES } from './realtime-messages';

/** Messages between API nodes (socket.io serverSideEmit, through the Redis adapter). */
const NODE_MESSAGES = { published: 'zhulian:published' } as const;
/** How often every open socket's session and membership are checked again (a revoked one closes within this). */
const RECHECK_MS = 2_000;
/** How many events may wait to be sent (their records being read) before the feed reads more. */
const READ_AHEAD = 200;
/** The most events one reconnection replays; a client further behind reloads its lists. */
export const MAX_REPLAY = 1_000;

interface SocketState {
  actor: Actor;
  connection: StandingConnection;
  expiry: NodeJS.Timeout | null;
  /** Live events that arrived while the socket's replay ran. */
  buffered: RealtimeMessage[] | null;
  /**
   * The newest event sent to this socket. Replay, the buffer and the live stream can each hold the same
   * event (one targeted while the replay read it); whichever comes second is dropped, so none arrives twice.
   */
  sentUpTo: number;
}

type RealtimeSocket = Socket & { data: { state?: SocketState } };

class HandshakeError extends Error {
  constructor(readonly data: { code: string; reason: string }, message: string) {
    super(message);
  }
}

/**
 * The realtime socket (socket.io, path /socket.io, WebSocket only). A client connects with its access
 * token and the organisation it acts for; the same checks as an API request admit it, and it joins
 * its user's room and its organisation's. Every published event is delivered to the sockets it
 * concerns, each with the record read as that recipient (RecipientReads). A client that reconnects with
 * its last event id first receives, in order, what it missed.
 */
@WebSocketGateway({ path: '/socket.io', transports: ['websocket'], serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() private server!: Server;
  private recheck: NodeJS.Timeout | null = null;
  private rechecking = false;
  /** The last event whose recipients here were chosen; a socket that connects later receives what follows it live. */
  private targeted = 0;
  /** The end of the chain of events being sent in order, and those of them not sent yet (oldest first). */
  private sending: Promise<void> = Promise.resolve();
  private readonly waiting: Promise<void>[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionChecks,
    private readonly reads: RecipientReads,
    private readonly feed: EventFeed,
    private readonly relay: OutboxRelay,
    private readonly redis: RedisConnection,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.admit(socket as RealtimeSocket).then(() => next(), (error: unknown) => {
        const refusal = error instanceof HandshakeError ? error : this.refusal(error);
        next(Object.assign(new Error(refusal.message), { data: refusal.data }));
      });
    });
    server.on('connection', (socket: RealtimeSocket) => void this.connected(socket));
    this.feed.deliverTo({ take: (events) => this.take(events), settled: () => this.sending });
    this.connectNodes(server);
    this.recheck = setInterval(() => void this.recheckAll(), RECHECK_MS);
    this.recheck.unref();
  }

  onApplicationShutdown(): void {
    if (this.recheck) clearInterval(this.recheck);
  }

  @SubscribeMessage(CLIENT_MESSAGES.renew)
  renew(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() token: unknown): { ok: boolean; expiresAt?: string; code?: string } {
    const state = socket.data.state;
    if (!state || typeof token !== 'string') return { ok: false, code: 'BAD_USER_INPUT' };
    try {
      const expiresAt = this.sessions.renew(token, state.connection);
      if (!expiresAt) return { ok: false, code: 'FORBIDDEN' };
      this.expireAt(socket, expiresAt);
      return { ok: true, expiresAt: expiresAt.toISOString() };
    } catch (error) {
      return { ok: false, code: toPublicError(error).code };
    }
  }

  private async admit(socket: RealtimeSocket): Promise<void> {
    const origin = socket.handshake.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin, socket.handshake.headers.host)) {
      throw new HandshakeError({ code: 'FORBIDDEN', reason: 'ORIGIN_NOT_ALLOWED' }, 'This page may not open a realtime connection.');
    }
    const auth = (socket.handshake.auth ?? {}) as RealtimeHandshake;
    if (typeof auth.token !== 'string' || auth.token.length === 0 || auth.token.length > 4096) {
      throw new HandshakeError({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_REQUIRED' }, 'Please sign in.');
    }
    const organisationId = auth.organisationId;
    if (organisationId !== undefined && organisationId !== null && (typeof organisationId !== 'string' || !isUuid(organisationId))) {
      throw new HandshakeError({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_HEADER_INVALID' }, 'organisationId must be an organisation id.');
    }
    const { actor, expiresAt } = await this.sessions.admit(auth.token, typeof organisationId === 'string' ? organisationId : undefined);
    const connection: StandingConnection = {
      userId: actor.userId, sessionId: actor.sessionId, organisationId: actor.acting?.organisationId ?? null, role: actor.acting?.role ?? null,
    };
    socket.data.state = { actor, connection, expiry: null, buffered: [], sentUpTo: 0 };
    this.expireAt(socket, expiresAt);
  }

  private async connected(socket: RealtimeSocket): Promise<void> {
    const state = socket.data.state;
    if (!state) {
      socket.disconnect(true);
      return;
    }
    socket.on('disconnect', () => {
      if (state.expiry) clearTimeout(state.expiry);
    });
    await socket.join([`user:${state.actor.userId}`, ...(state.connection.organisationId ? [`org:${state.connection.organisationId}`] : [])]);
    const lastEventId = lastEventIdOf((socket.handshake.auth ?? {}) as RealtimeHandshake);
    let last = lastEventId ?? Math.max(this.targeted, this.feed.position);
    let complete = true;
    try {
      if (lastEventId !== null) ({ last, complete } = await this.replay(socket, state, lastEventId));
    } catch (error) {
      this.logger.warn(`replay failed: ${(error as Error).message}`);
      complete = false;
    }
    state.sentUpTo = Math.max(state.sentUpTo, last);
    for (const message of state.buffered ?? []) emitOnce(socket, state, message);
    state.buffered = null;
    last = state.sentUpTo;
    socket.emit(SERVER_MESSAGES.ready, { lastEventId: last, complete });
  }

  /** Sends, in order, the kept events after `after` that concern this socket. */
  private async replay(socket: RealtimeSocket, state: SocketState, after: number): Promise<{ last: number; complete: boolean }> {
    const { connection } = state;
    const rows: PublishedEventRow[] = await this.db.query(
      `SELECT ${PUBLISHED_EVENT_COLUMNS} FROM outbox_events
        WHERE seq > $1 AND (user_ids @> ARRAY[$2::uuid] OR ($3::uuid IS NOT NULL AND organisation_ids @> ARRAY[$3::uuid]))
        ORDER BY seq LIMIT ${MAX_REPLAY + 1}`,
      [after, connection.userId, connection.organisationId]);
    const [oldest]: { first: string | null }[] = await this.db.query(`SELECT min(seq) AS first FROM outbox_events WHERE seq IS NOT NULL`);
    let complete = rows.length <= MAX_REPLAY && (oldest?.first === null || Number(oldest?.first) <= after + 1 || after === 0);
    let last = after;
    for (const event of rows.slice(0, MAX_REPLAY).map(toPublishedEvent)) {
      if (!concerns(event.audience, connection.userId, connection.organisationId, connection.role)) continue;
      if (socket.disconnected) return { last, complete: false };
      emitOnce(socket, state, message(event, await this.reads.read(state.actor, event)));
      last = event.seq;
    }
    if (rows.length > MAX_REPLAY) {
      complete = false;
      last = Number(rows[MAX_REPLAY - 1].seq);
    }
    return { last, complete };
  }

  /**
   * Takes published events for the sockets of this process they concern. Each event's records are read at
   * once (once per recipient view) and sent in order behind the events taken before: a socket never
   * receives an event before one published earlier, and a slow read delays the events behind it only by
   * what is left of it. Returns as soon as fewer than READ_AHEAD events wait to be sent.
   */
  private async take(events: PublishedEvent[]): Promise<void> {
    for (const event of events) {
      const reads = [...this.targetsOf(event).values()].map((group) => ({ group, view: this.viewFor(group[0].data.state!.actor, event) }));
      this.targeted = event.seq;
      const sent = this.sending.then(() => this.send(event, reads))
        .catch((error: Error) => this.logger.warn(`sending event ${event.seq} failed: ${error.message}`));
      this.sending = sent;
      this.waiting.push(sent);
      void sent.finally(() => this.waiting.shift());
      if (this.waiting.length >= READ_AHEAD) await this.waiting[0];
    }
  }

  private async send(event: PublishedEvent, reads: { group: RealtimeSocket[]; view: Promise<RecipientView> }[]): Promise<void> {
    for (const { group, view } of reads) {
      const payload = message(event, await view);
      for (const socket of group) {
        const state = socket.data.state;
        if (!state) continue;
        if (state.buffered) state.buffered.push(payload);
        else emitOnce(socket, state, payload);
      }
    }
  }

  /** The sockets here that an event concerns, grouped by recipient view (user and acting organisation). */
  private targetsOf(event: PublishedEvent): Map<string, RealtimeSocket[]> {
    const sockets = this.server.of('/').sockets as Map<string, RealtimeSocket>;
    const rooms = this.server.of('/').adapter.rooms;
    const targets = new Map<string, RealtimeSocket[]>();
    const seen = new Set<string>();
    for (const audience of event.audience) {
      const room = 'userId' in audience ? `user:${audience.userId}` : `org:${audience.organisationId}`;
      for (const id of rooms.get(room) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const socket = sockets.get(id);
        const state = socket?.data.state;
        if (!socket || !state) continue;
        const { connection } = state;
        if (!concerns(event.audience, connection.userId, connection.organisationId, connection.role)) continue;
        const view = `${connection.userId}:${connection.organisationId ?? ''}`;
        targets.set(view, [...(targets.get(view) ?? []), socket]);
      }
    }
    return targets;
  }

  private async viewFor(actor: Actor, event: PublishedEvent): Promise<RecipientView> {
    try {
      return await this.reads.read(actor, event);
    } catch (error) {
      this.logger.warn(`reading event ${event.seq} for a recipient failed: ${(error as Error).message}`);
      return { data: null, denied: [] };
    }
  }

  /**
   * With Redis (more than one node), the socket.io Redis adapter joins the nodes: the relay's "published up to
   * n" reaches every node at once through it (PostgreSQL's NOTIFY and the poll remain as the slower paths), and
   * closing a user's sockets reaches them on whichever node they are. The payloads themselves are computed on
   * the node that holds each recipient's socket, since each depends on its recipient. Without Redis, or while
   * it is away, every node goes on serving its own sockets from PostgreSQL alone.
   */
  private connectNodes(server: Server): void {
    this.relay.onPublished((lastSeq) => this.feed.wake(lastSeq));
    if (!this.redis.enabled) return;
    const pub = this.redis.dedicated('socket-pub');
    server.adapter(createAdapter(pub, this.redis.dedicated('socket-sub'), { key: 'zhulian-socket' }));
    server.on(NODE_MESSAGES.published, (lastSeq: unknown) => this.feed.wake(typeof lastSeq === 'number' ? lastSeq : undefined));
    this.relay.onPublished((lastSeq) => {
      // While Redis is away the others hear of it from PostgreSQL; a publish queued meanwhile would only arrive late.
      if (pub.status !== 'ready') return;
      try {
        server.serverSideEmit(NODE_MESSAGES.published, lastSeq);
      } catch (error) {
        this.logger.warn(`telling the other nodes failed (they will hear it from PostgreSQL): ${(error as Error).message}`);
      }
    });
  }

  private async recheckAll(): Promise<void> {
    if (this.rechecking || !this.server) return;
    this.rechecking = true;
    try {
      const sockets = [...(this.server.of('/').sockets as Map<string, RealtimeSocket>).values()].filter((s) => s.data.state);
      if (sockets.length === 0) return;
      const standing = await this.sessions.standing(sockets.map((s) => s.data.state!.connection));
      sockets.forEach((socket, i) => {
        if (!standing.has(i)) this.close(socket, 'ACCESS_REVOKED', 'Your session or your membership has changed: reconnect to go on.');
      });
    } catch (error) {
      this.logger.warn(`re-checking sockets failed: ${(error as Error).message}`);
    } finally {
      this.rechecking = false;
    }
  }

  private expireAt(socket: RealtimeSocket, expiresAt: Date): void {
    const state = socket.data.state;
    if (!state) return;
    if (state.expiry) clearTimeout(state.expiry);
    // Timers take at most ~24.8 days; access tokens live minutes.
    const ms = Math.min(Math.max(0, expiresAt.getTime() - Date.now()), 2_000_000_000);
    state.expiry = setTimeout(() => this.close(socket, 'ACCESS_TOKEN_EXPIRED', 'Your access token expired: renew it to stay connected.'), ms);
    state.expiry.unref();
  }

  private close(socket: RealtimeSocket, reason: string, text: string): void {
    if (socket.disconnected) return;
    socket.emit(SERVER_MESSAGES.closing, { code: 'UNAUTHENTICATED', reason, message: text });
    socket.disconnect(true);
  }

  /** The API's own pages (same origin as the socket's address) and the configured ones. */
  private originAllowed(origin: string, host: string | undefined): boolean {
    if (this.config.allowedOrigins.includes(origin)) return true;
    try {
      return host !== undefined && new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  private refusal(error: unknown): HandshakeError {
    const publicError = toPublicError(error);
    if (!publicError.expected) this.logger.error({ err: error }, 'realtime handshake failed');
    return new HandshakeError({ code: publicError.code, reason: publicError.reason ?? publicError.code }, publicError.message);
  }
}

function message(event: PublishedEvent, view: RecipientView): RealtimeMessage {
  return {
    id: event.seq, kind: event.kind, subjectType: event.subjectType, subjectId: event.subjectId, occurredAt: event.occurredAt.toISOString(),
    params: event.params, data: view.data, denied: view.denied,
  };
}

function emitOnce(socket: RealtimeSocket, state: SocketState, payload: RealtimeMessage): void {
  if (payload.id <= state.sentUpTo) return;
  socket.emit(SERVER_MESSAGES.event, payload);
  state.sentUpTo = payload.id;
}

function lastEventIdOf(auth: RealtimeHandshake): number | null {
  const value = auth.lastEventId;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 0 ? number : null;
}
