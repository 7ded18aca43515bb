import type { SessionUser } from '../auth/session-user.ts';
import type { UserDirectory } from '../auth/user-directory.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

/** The bearer token a request carries, or null (also for anything not shaped like our tokens). */
export function bearerToken(request: Request): string | null {
  return BEARER.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
}

/** The caller of a request: its session user, or null when it sent no live token. */
export type Authenticate = (request: Request) => Promise<SessionUser | null>;

/**
 * Resolves `Authorization: Bearer <token>` once per request: the rate limiter, the document routes and
 * the GraphQL context all ask, and a session lookup is a database query.
 */
export function createAuthenticator(users: UserDirectory): Authenticate {
  const seen = new WeakMap<Request, Promise<SessionUser | null>>();
  return (request) => {
    let user = seen.get(request);
    if (!user) {
      const token = bearerToken(request);
      user = token ? users.authenticate(token) : Promise.resolve(null);
      seen.set(request, user);
    }
    return user;
  };
}
