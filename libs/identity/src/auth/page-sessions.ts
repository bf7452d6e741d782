import { Injectable } from '@nestjs/common';
import { Actor, isUuid } from '@zhulian/core';
import type { Request } from 'express';
import { AccessTokenService } from './access-token.service';
import { ActorLoader } from './actor.loader';
import { pageTokenFromCookie } from './session-cookie';

/** The organisation the app acts for, as the app itself keeps it (apps/web session-store.ts): not a secret, only a choice. */
export const ORGANISATION_COOKIE = 'zhulian_org';

/**
 * Who opens a page, for the server to draw its first screen: the page cookie's user and session, checked as
 * every API request checks them (user active, session neither revoked nor expired), acting for the
 * organisation the app last chose if they are still an active member there, otherwise for their first active
 * membership — the choice the app makes itself. Null whenever any of that fails: the page is then drawn by
 * the app alone, as for someone signed out.
 */
@Injectable()
export class PageSessions {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly actors: ActorLoader,
  ) {}

  async viewer(req: Request): Promise<Actor | null> {
    const token = pageTokenFromCookie(req);
    const session = token ? this.tokens.verifyPage(token) : null;
    if (!session) return null;
    let actor: Actor;
    try {
      ({ actor } = await this.actors.load(session.userId, session.sessionId, undefined));
    } catch {
      return null; // the session ended, the user was deactivated
    }
    const chosen: unknown = (req as Request & { cookies?: Record<string, unknown> }).cookies?.[ORGANISATION_COOKIE];
    const acting = (typeof chosen === 'string' && isUuid(chosen) ? actor.memberships.find((m) => m.organisationId === chosen) : undefined)
      ?? actor.memberships[0];
    return acting ? { ...actor, acting } : null;
  }
}
