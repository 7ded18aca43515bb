import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@scf/ledger-contract';
import { findMember, runningPid, stopProcess, type MemberPlan, type NetworkContext } from '@scf/network';
import { nodeDir, nodeEnv, nodeUrl } from '../../src/cli/node-env.ts';
import { ensureNode, nodeProcessName } from '../../src/cli/node-processes.ts';
import { embeddedDatabaseFiles } from '../../src/db/embedded-postgres.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-consortium.ts';
import { NodeClient } from '../../src/demo/graphql-client.ts';
import { LOCK_FILE } from '../../src/lifecycle/data-folder-lock.ts';
import { isRunning, waitForExit } from '../../src/lifecycle/processes.ts';

/**
 * Issue 14, item 3: a node API that outlives its database. One org's node API runs as `npm start`
 * runs it; its embedded PostgreSQL is killed under it, it is killed itself (leaving the database
 * running), it starts over a stale pid file, and a second one is started on its data folder.
 */

const ORG = 'supplier';
const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
const RECOVERY = { timeout: 90_000, interval: 250 };
const ME = '{ me { username } }';

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
}

export function databaseOutageSuite(network: () => NetworkContext): void {
  describe('a node API that outlives its database', () => {
    let member: MemberPlan;
    let dataDir: string;
    let client: NodeClient;

    const processName = nodeProcessName(ORG);
    const apiPid = (): number | undefined => runningPid(network().paths, processName);
    const postmasterFile = (): string => join(embeddedDatabaseFiles(dataDir).cluster, 'postmaster.pid');
    const postmasterPid = (): number | undefined =>
      existsSync(postmasterFile())
        ? Number.parseInt(readFileSync(postmasterFile(), 'utf8').split('\n')[0] ?? '', 10)
        : undefined;

    /** A request with the admin's bearer token, answered however the node answers it. */
    const ask = async (query: string): Promise<Answer> => {
      const response = await fetch(`${nodeUrl(member)}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token ?? ''}` },
        body: JSON.stringify({ query }),
      });
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        text: await response.text(),
      };
    };
    /** Whatever the node answers, it is typed JSON that tells nothing of the node's insides. */
    const expectTyped = (answer: Answer): void => {
      const body = JSON.parse(answer.text) as { errors?: { extensions?: { code?: string } }[] };
      if (answer.status === 200) return;
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe('5');
      expect(body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      for (const secret of ['127.0.0.1', String(member.reserved.database), '.ts', '    at ', 'prisma']) {
        expect(answer.text).not.toContain(secret);
      }
    };
    const nodeLog = (): string => readFileSync(network().paths.log(processName), 'utf8');
    const serves = async (): Promise<boolean> => (await ask(ME)).status === 200;
    const start = async (): Promise<void> => {
      await ensureNode(network(), member);
      client = await new NodeClient(nodeUrl(member)).login('admin', DEMO_PASSWORD);
    };

    beforeAll(async () => {
      member = findMember(network().topology, ORG);
      dataDir = join(nodeDir(network(), ORG), 'data');
      await start();
    });

    afterAll(async () => {
      // A database left running by a failed step without its node API is no process of the network:
      // stop it, so that the next suite's node starts on its own.
      const leftover = existsSync(postmasterFile()) ? postmasterPid() : undefined;
      if (apiPid() === undefined && leftover !== undefined && isRunning(leftover)) {
        process.kill(leftover, 'SIGINT');
        await waitForExit(leftover, 30_000);
      }
    });

    it('answers 503 while its PostgreSQL is down, restarts it, and projects what is written after', async () => {
      const node = apiPid();
      const killed = postmasterPid();
      expect(killed).toBeDefined();
      process.kill(killed ?? 0, 'SIGKILL');

      const answers: Answer[] = [];
      const outcome = async (): Promise<number> => {
        const answer = await ask(ME);
        answers.push(answer);
        return answer.status;
      };
      await expect.poll(outcome, { timeout: 15_000, interval: 25 }).toBe(503);
      // Started the documented way meanwhile, it waits for the node that runs instead of adding another.
      const startedAgain = ensureNode(network(), member);
      await expect.poll(outcome, RECOVERY).toBe(200);
      await expect(startedAgain).resolves.toBe(false);
      for (const answer of answers) expectTyped(answer);
      expect(answers.some((answer) => answer.status === 503)).toBe(true);

      expect(apiPid()).toBe(node);
      expect(postmasterPid()).not.toBe(killed);
      expect(nodeLog()).toContain('died (SIGKILL); restarting it');

      const first17 = `91320500MA1Q${String(Date.now()).slice(-5)}`;
      const id = `${first17}${creditCodeCheckChar(first17)}`;
      const written = await client.request<{ registerEnterprise: { projection: string } }>(
        'mutation($id: String!) { registerEnterprise(id: $id, name: "Outage Survivor Ltd", kind: SUPPLIER) { projection } }',
        { id },
      );
      expect(['APPLIED', 'PENDING']).toContain(written.registerEnterprise.projection);
      await expect
        .poll(async () => (await ask(`{ enterprise(id: "${id}") { id } }`)).text, RECOVERY)
        .toContain(`"id":"${id}"`);
    });

    it('starts again the documented way after it was killed, shutting down the PostgreSQL it left', async () => {
      const killed = apiPid();
      const orphan = postmasterPid();
      expect(killed).toBeDefined();
      process.kill(killed ?? 0, 'SIGKILL');
      expect(await waitForExit(killed ?? 0, 10_000)).toBe(true);
      expect(isRunning(orphan ?? 0)).toBe(true);

      await start();
      expect(isRunning(orphan ?? 0)).toBe(false);
      expect(postmasterPid()).not.toBe(orphan);
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(apiPid()));
      expect(nodeLog()).toContain(`shutting down PostgreSQL ${String(orphan)}`);
      expect(await serves()).toBe(true);
    });

    it('starts over a postmaster.pid whose process is gone', async () => {
      const database = postmasterPid();
      await stopProcess(network().paths, processName);
      expect(await waitForExit(database ?? 0, 30_000)).toBe(true);
      const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
      await once(gone, 'exit');
      const cluster = embeddedDatabaseFiles(dataDir).cluster;
      const stale = `${String(gone.pid)}\n${cluster}\n1700000000\n${String(member.reserved.database)}\n`;
      writeFileSync(postmasterFile(), stale);

      await start();
      expect(postmasterPid()).not.toBe(gone.pid);
      expect(nodeLog()).toContain(`removing the stale ${postmasterFile()} of PostgreSQL ${String(gone.pid)}`);
      expect(await serves()).toBe(true);
    });

    it('refuses a second node API on the same data folder, and the first keeps serving', async () => {
      const first = apiPid();
      const database = postmasterPid();
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...(await nodeEnv(network(), member)),
      };
      const second = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', SERVER], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(second, 'exit')) as [number | null];

      expect(code).toBe(1);
      expect(stderr).toContain(`another node API (pid ${String(first)}) is running on ${dataDir}`);
      expect(stderr).not.toContain('    at ');
      expect(apiPid()).toBe(first);
      expect(postmasterPid()).toBe(database);
      expect(await serves()).toBe(true);
    });
  });
}
