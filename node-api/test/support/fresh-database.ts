import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeBasePort } from '@scf/network';
import { createDatabase, type Database } from '../../src/db/client.ts';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { migrate } from '../../src/db/migrate.ts';
import { copyTemplate, sharedPostgres } from './shared-postgres.ts';

export interface FreshDatabase {
  db: Database;
  url: string;
  /** A scratch folder of this run (documents, keys). */
  dir: string;
  stop: () => Promise<void>;
}

export interface FreshDatabaseOptions {
  /** A server of its own even where the run shares one: for a test that stops the server. */
  ownServer?: boolean;
}

/**
 * A real, freshly migrated PostgreSQL database of this test file's own, deleted on stop: a copy of the
 * run's migrated template on its shared server (unit project: shared-postgres.setup.ts), or else a
 * server of its own on a free port.
 */
export async function startFreshDatabase(options: FreshDatabaseOptions = {}): Promise<FreshDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'scf-db-'));
  chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
  const shared = options.ownServer ? undefined : sharedPostgres();
  const { url, drop } = shared ? await copyTemplate(shared.url) : await ownServer(dir);
  const db = createDatabase(url);
  return {
    db,
    url,
    dir,
    stop: async () => {
      await db.$disconnect();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ownServer(dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port: await findFreeBasePort(1),
    database: 'node',
    ephemeral: true,
  });
  await migrate(server.url);
  return { url: server.url, drop: server.stop };
}
