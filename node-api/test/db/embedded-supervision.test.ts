import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreeBasePort } from '@scf/network';
import { createDatabase } from '../../src/db/client.ts';
import { embeddedDatabaseFiles, startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';
import { isRunning } from '../../src/lifecycle/processes.ts';

const dirs: string[] = [];

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scf-pgsup-'));
  chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
  dirs.push(dir);
  return dir;
}

const pidFile = (dataDir: string): string => join(embeddedDatabaseFiles(dataDir).cluster, 'postmaster.pid');
const postmasterPid = (dataDir: string): number =>
  Number.parseInt(readFileSync(pidFile(dataDir), 'utf8').split('\n')[0] ?? '', 10);

// Each test starts real servers: seconds each on a busy two-core machine.
describe("a node's embedded PostgreSQL, whatever happens to it", { timeout: 90_000 }, () => {
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is restarted when its server dies, and the client reconnects by itself', async () => {
    const dataDir = scratch();
    const logs: string[] = [];
    const port = await findFreeBasePort(1);
    const database = await startEmbeddedPostgres({
      dataDir,
      port,
      database: 'node',
      ephemeral: true,
      log: (message) => logs.push(message),
    });
    const db = createDatabase(database.url);
    try {
      expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      const killed = postmasterPid(dataDir);
      process.kill(killed, 'SIGKILL');
      // Until the server's backends notice, the pool's open connection may still answer a query.
      const outcome = (): Promise<string> =>
        db.$queryRaw`SELECT 1`.then(
          () => 'answered',
          (error: unknown) => (isDatabaseUnavailable(error) ? 'unavailable' : String(error)),
        );
      await expect.poll(outcome, { timeout: 10_000, interval: 25 }).toBe('unavailable');
      await expect
        .poll(() => db.$queryRaw`SELECT 1 AS one`.catch(() => 'down'), { timeout: 60_000, interval: 250 })
        .toEqual([{ one: 1 }]);
      expect(postmasterPid(dataDir)).not.toBe(killed);
      expect(logs.join('\n')).toMatch(/died \(SIGKILL\); restarting it[\s\S]*is back/);
    } finally {
      await db.$disconnect();
      await database.stop();
    }
  });

  it('shuts down a server left running on its cluster, then starts its own', async () => {
    const dataDir = scratch();
    const port = await findFreeBasePort(1);
    const orphan = await startEmbeddedPostgres({ dataDir, port, database: 'node' });
    const orphanPid = postmasterPid(dataDir);
    const logs: string[] = [];
    const database = await startEmbeddedPostgres({
      dataDir,
      port,
      database: 'node',
      log: (message) => logs.push(message),
    });
    const db = createDatabase(database.url);
    try {
      expect(logs.join('\n')).toContain(`shutting down PostgreSQL ${String(orphanPid)}`);
      expect(isRunning(orphanPid)).toBe(false);
      expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      // The shut-down server was asked to go: nobody restarts it over the new one.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(postmasterPid(dataDir)).not.toBe(orphanPid);
      expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
      await database.stop();
      await orphan.stop();
    }
  });

  it('starts over a postmaster.pid of a process that is gone, or is no PostgreSQL', async () => {
    const dataDir = scratch();
    const port = await findFreeBasePort(1);
    await (await startEmbeddedPostgres({ dataDir, port, database: 'node' })).stop();
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(gone, 'exit');
    for (const stale of [gone.pid ?? 0, process.pid]) {
      const cluster = embeddedDatabaseFiles(dataDir).cluster;
      writeFileSync(pidFile(dataDir), `${String(stale)}\n${cluster}\n1700000000\n${String(port)}\n`);
      const logs: string[] = [];
      const log = (message: string): void => {
        logs.push(message);
      };
      const database = await startEmbeddedPostgres({ dataDir, port, database: 'node', log });
      try {
        expect(logs.join('\n')).toContain(`removing the stale ${pidFile(dataDir)}`);
        expect(postmasterPid(dataDir)).not.toBe(stale);
      } finally {
        await database.stop();
      }
    }
  });

  it('says why when its server does not start', async () => {
    const dataDir = scratch();
    const port = await findFreeBasePort(1);
    await (await startEmbeddedPostgres({ dataDir, port, database: 'node' })).stop();
    const squatter = createServer().listen(port, '127.0.0.1');
    await once(squatter, 'listening');
    try {
      const failure: unknown = await startEmbeddedPostgres({ dataDir, port, database: 'node' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/did not start[\s\S]*could not/);
    } finally {
      squatter.close();
    }
  });

  it("keeps no socket in the shared /tmp, so another host's server on the same port cannot block it", async () => {
    const dataDir = scratch();
    const port = await findFreeBasePort(1);
    // What a server of another network namespace on the same port leaves in the shared /tmp: a
    // socket lock naming a live process (this one).
    const foreignLock = join('/tmp', `.s.PGSQL.${port}.lock`);
    writeFileSync(foreignLock, `${process.pid}\n/elsewhere\n`);
    try {
      const database = await startEmbeddedPostgres({ dataDir, port, database: 'node', ephemeral: true });
      try {
        const db = createDatabase(database.url);
        expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
        await db.$disconnect();
        expect(readFileSync(foreignLock, 'utf8')).toBe(`${process.pid}\n/elsewhere\n`);
      } finally {
        await database.stop();
      }
    } finally {
      rmSync(foreignLock, { force: true });
    }
  });
});
