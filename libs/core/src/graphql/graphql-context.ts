import type { Request, Response } from 'express';
import type { Actor } from '../actor';

export type HttpRequest = Request & {
  id?: string;
  actor?: Actor | null;
  /** Set by a mutation that has just signed someone in, so its answer may show them their own data. */
  signedInUserId?: string;
};

/** Whose own data this request may show: the actor's, or the person a mutation has just signed in. */
export function viewerIdOf(req: HttpRequest): string | undefined {
  return req.actor?.userId ?? req.signedInUserId;
}

export interface GraphqlContext {
  req: HttpRequest;
  res: Response;
}

const INTERNAL = Symbol('zhulian.internalRequest');

/**
 * A request the server makes on a user's behalf, never one that arrived over HTTP: e.g. reading the
 * record an event is about for one recipient, so that it passes the very resolvers, field rules and
 * audit a GraphQL read of the same record by that recipient passes. It carries the recipient's actor,
 * already authenticated; only code in this process can make one (the mark is a private symbol).
 */
export function internalRequest(actor: Actor, id: string): HttpRequest {
  return Object.assign(Object.create(null) as object, { id, actor, headers: {}, cookies: {}, [INTERNAL]: true }) as unknown as HttpRequest;
}

export function isInternalRequest(req: HttpRequest | undefined): boolean {
  return req !== undefined && (req as unknown as Record<symbol, unknown>)[INTERNAL] === true;
}
