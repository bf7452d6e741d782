import type { Request, Response } from 'express';
import type { Actor } from '../actor';

export type HttpRequest = Request & { id?: string; actor?: Actor | null };

export interface GraphqlContext {
  req: HttpRequest;
  res: Response;
}
