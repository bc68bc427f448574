import { createHash } from 'node:crypto';
import { notFound, type Thing } from '../../errors.ts';

/**
 * Who is calling, as services see it: the roles, the caller, and the object-level scope rule.
 * Routes get the caller from the access plugin (`src/plugins/access.ts`); services and repos
 * import it from here, never from the HTTP layer.
 */

export const ROLES = ['coordinator', 'warehouse', 'point_lead', 'driver'] as const;
export type Role = (typeof ROLES)[number];
/**
 * Who may call a route: a user's role, or `donor`, a session opened from a donor's contact link
 * (`POST /auth/donor-link`). A donor is no user: `any_user` never admits one, and only routes that
 * name `donor` do (the `/donor/...` routes), so no other route can be reached with a link.
 */
export type CallerRole = Role | 'donor';

/** The authenticated caller, as every service sees it. */
export interface Actor {
  /** The user's id; for a donor session, the link's id. */
  id: string;
  email: string;
  name: string;
  role: CallerRole;
  pointId: string | null;
  /** A donor session's site (the donor it speaks for); absent for users. */
  donorId?: string;
}

/** The stored form of a sign-in or link token: its SHA-256, so the database holds no usable token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Object-level rule for point-scoped objects: a point lead reaches only their own point. */
export function assertPointScope(actor: Actor, pointId: string, what: Thing = 'object'): void {
  if (actor.role === 'point_lead' && actor.pointId !== pointId) throw notFound(what);
}
