import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/client.ts';
import type { Services } from '../services/services.ts';

/** What every resolver gets: the read model, the caller (null when not logged in) and the services. */
export interface Context {
  db: Database;
  user: SessionUser | null;
  services: Services;
}
