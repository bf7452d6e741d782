import { io, Socket } from 'socket.io-client';

/** One realtime message as a client receives it (see libs/realtime RealtimeMessage). */
export interface ReceivedEvent {
  id: number;
  kind: string;
  subjectType: string;
  subjectId: string;
  occurredAt: string;
  params: Record<string, unknown>;
  data: Record<string, unknown> | null;
  denied: { path: string; reason: string }[];
}

export interface SocketOptions {
  token?: string;
  organisationId?: string;
  lastEventId?: number;
  origin?: string;
}

/**
 * A socket.io client of the realtime gateway, as the web app opens it (WebSocket only, the access token
 * and the organisation in the handshake), that keeps everything it receives for the test to look at.
 */
export class TestSocket {
  readonly events: ReceivedEvent[] = [];
  readonly closing: Record<string, unknown>[] = [];
  ready: { lastEventId: number; complete: boolean } | null = null;
  disconnected = false;

  private constructor(readonly socket: Socket) {
    socket.on('event', (event: ReceivedEvent) => this.events.push(event));
    socket.on('closing', (message: Record<string, unknown>) => this.closing.push(message));
    socket.on('ready', (ready: { lastEventId: number; complete: boolean }) => {
      this.ready = ready;
    });
    socket.on('disconnect', () => {
      this.disconnected = true;
    });
  }

  /** Connects and waits until the server says it is ready (after any replay); rejects with the refusal's data. */
  static async open(url: string, options: SocketOptions): Promise<TestSocket> {
    const socket = io(url, {
      path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, timeout: 5_000,
      auth: { token: options.token, organisationId: options.organisationId, lastEventId: options.lastEventId },
      extraHeaders: options.origin ? { origin: options.origin } : undefined,
    });
    const client = new TestSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect_error', (error: Error & { data?: unknown }) => {
        socket.close();
        reject(Object.assign(new Error(error.message), { data: error.data }));
      });
      socket.once('ready', () => resolve());
    });
    return client;
  }

  /** Waits for an event that matches, received already or within the time. */
  async next(match: (event: ReceivedEvent) => boolean, timeoutMs = 5_000): Promise<ReceivedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; received: ${JSON.stringify(this.events.map((e) => [e.id, e.kind]))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits until the server closes the socket. */
  async closed(timeoutMs = 6_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.disconnected) {
      if (Date.now() > deadline) throw new Error(`the socket was still open after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  renew(token: string): Promise<{ ok: boolean; expiresAt?: string; code?: string }> {
    return this.socket.timeout(5_000).emitWithAck('renew', token);
  }

  close(): void {
    this.socket.close();
  }
}
