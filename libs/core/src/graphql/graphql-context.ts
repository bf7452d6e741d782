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
