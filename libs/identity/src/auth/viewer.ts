import type { HttpRequest } from '@zhulian/core';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';

export interface Viewer {
  user: User;
  /** All of the user's memberships, active and deactivated, with their organisations, oldest first. */
  memberships: Membership[];
}

const viewers = new WeakMap<HttpRequest, Viewer>();

/**
 * The signed-in user's own rows, as the auth guard read them while checking the session: `me` and its
 * memberships are answered from here without another round trip to the database.
 */
export function rememberViewer(req: HttpRequest, viewer: Viewer): void {
  viewers.set(req, viewer);
}

export function viewerOf(req: HttpRequest): Viewer | undefined {
  return viewers.get(req);
}
