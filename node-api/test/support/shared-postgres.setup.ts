import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findFreeBasePort } from '@scf/network';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { migrate } from '../../src/db/migrate.ts';
import { SHARED_TEMPLATE, withDatabaseName } from './shared-postgres.ts';

/**
 * Vitest global set-up of the unit project: one embedded PostgreSQL for the whole run, with a template
 * database migrated once. Each test file's fresh database is a copy of the template on this server
 * (fresh-database.ts), instead of a server of its own: initdb, start and 19 migrations per file were
 * most of the unit run's time on a 2-core machine.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await findFreeBasePort(1);
  const dir = mkdtempSync(join(tmpdir(), 'scf-db-shared-'));
  chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port,
    database: SHARED_TEMPLATE,
    ephemeral: true,
  });
  await migrate(server.url);
  project.provide('scfSharedPostgres', { url: withDatabaseName(server.url, 'postgres') });
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
