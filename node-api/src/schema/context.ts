import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/client.ts';
import { bearerToken } from '../http/authenticate.ts';
import { clientAddress } from '../http/client-address.ts';
import type { WriteRequest } from '../requests/client-requests.ts';
import type { Services } from '../services/services.ts';

/** What every resolver gets: the read model, the caller (null when not logged in) and the services. */
export interface Context {
  db: Database;
  user: SessionUser | null;
  services: Services;
  /** Set for a mutation declared `ledgerWrite` (schema/ledger-write-plugin.ts), for its resolver only. */
  ledgerWrite?: WriteRequest;
}

/**
 * The request a resolver runs for. Yoga merges its initial context (the request, and the Node adapter's
 * `req`) into every resolver's context; the Context type does not declare it, and yoga's Request may be
 * a ponyfill, so no instanceof.
 */
export function requestOf(ctx: Context): Request | undefined {
  return (ctx as Context & { request?: Request }).request;
}

/** The session token the caller sent, or null. */
export function sessionTokenOf(ctx: Context): string | null {
  const request = requestOf(ctx);
  return request ? bearerToken(request) : null;
}

/** The caller's address ('unknown' in-process). */
export function clientAddressOf(ctx: Context): string {
  return clientAddress(ctx as unknown as Record<string, unknown>);
}
