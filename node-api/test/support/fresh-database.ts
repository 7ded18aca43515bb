import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeBasePort } from '@scf/network';
import { createDatabase, type Database } from '../../src/db/client.ts';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { migrate } from '../../src/db/migrate.ts';

export interface FreshDatabase {
  db: Database;
  url: string;
  /** A scratch folder of this run (documents, keys). */
  dir: string;
  stop: () => Promise<void>;
}

/** A real PostgreSQL of its own on a free port, freshly migrated; deleted on stop. */
export async function startFreshDatabase(): Promise<FreshDatabase> {
  const port = await findFreeBasePort(1);
  const dir = mkdtempSync(join(tmpdir(), 'scf-db-'));
  chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port,
    database: 'node',
    ephemeral: true,
  });
  await migrate(server.url);
  const db = createDatabase(server.url);
  return {
    db,
    url: server.url,
    dir,
    stop: async () => {
      await db.$disconnect();
      await server.stop();
    },
  };
}
