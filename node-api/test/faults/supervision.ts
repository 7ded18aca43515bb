import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  down,
  groupMembers,
  findMember,
  runningPid,
  statusExitCode,
  stopRequested,
  Supervisor,
  type MemberPlan,
  type NetworkContext,
  type ProcessReport,
} from '@scf/network';
import { consortiumReports, consortiumRestarters } from '../../src/cli/consortium-processes.ts';
import { nodeDir } from '../../src/cli/node-env.ts';
import { ensureNode, ensurePortal, nodeProcessName } from '../../src/cli/node-processes.ts';
import { embeddedDatabaseFiles } from '../../src/db/embedded-postgres.ts';

/**
 * Issue 14, item 2: every process of a node is supervised and `status` covers them all. One network and
 * one org's node API and portal run under the watch `npm start` ends in (in-process, checking every
 * second); a peer, an orderer, a chaincode server and the node API are killed with SIGKILL one after the
 * other, an orderer is frozen (SIGSTOP: up, but stuck), and the node API's database is killed.
 */

const ORG = 'supplier';
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BACK = { timeout: 90_000, interval: 500 };

/** Last on the faults network: it ends by stopping the network the way `npm stop` does. */
export function supervisionSuite(network: () => NetworkContext): void {
  describe('a consortium that heals itself under the watch', () => {
    let member: MemberPlan;
    let supervisor: Supervisor | undefined;
    let watching: Promise<string> | undefined;
    const lines: string[] = [];

    const reports = (): Promise<ProcessReport[]> => consortiumReports(network());
    const status = async (): Promise<number> => statusExitCode(await reports());
    const reportOf = async (name: string): Promise<ProcessReport | undefined> =>
      (await reports()).find((report) => report.name === name);
    const pidOf = (name: string): number => {
      const pid = runningPid(network().paths, name);
      if (pid === undefined) throw new Error(`${name} is not running`);
      return pid;
    };

    /**
     * Kills the process with `signal`, sees status go non-zero, then waits for the watch to heal it: a
     * new process, and nothing left of the old one's group (children that outlived it).
     */
    async function expectHealed(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<number> {
      const before = pidOf(name);
      expect(groupMembers(before)).toContain(before);
      const started = Date.now();
      process.kill(before, signal);
      await expect.poll(status, { timeout: 10_000, interval: 50 }).toBe(1);
      await expect.poll(status, BACK).toBe(0);
      expect(pidOf(name)).not.toBe(before);
      await expect.poll(() => groupMembers(before)).toEqual([]);
      return (Date.now() - started) / 1000;
    }

    beforeAll(async () => {
      const ctx = network();
      member = findMember(ctx.topology, ORG);
      await ensureNode(ctx, member);
      await ensurePortal(ctx, member);
      const paths = ctx.paths;
      supervisor = new Supervisor({
        observe: () => consortiumReports(network()),
        restarters: consortiumRestarters(ctx),
        stopRequested: () => stopRequested(paths),
        log: (line) => {
          lines.push(line);
        },
        intervalMs: 1_000,
        // A frozen orderer is replaced after 6 s here instead of 20 s.
        stuck: { leaderlessMs: 6_000, behindMs: 30_000, graceMs: 30_000 },
      });
      watching = supervisor.run();
    });

    afterAll(async () => {
      supervisor?.stop();
      await supervisor?.idle();
    });

    it('reports every process of the network and the org node healthy', async () => {
      await expect.poll(status, BACK).toBe(0);
      const all = await reports();
      const kinds = (kind: string): number => all.filter((report) => report.kind === kind).length;
      expect({
        ca: kinds('ca'),
        orderer: kinds('orderer'),
        peer: kinds('peer'),
        chaincode: kinds('chaincode'),
        nodeApi: kinds('node-api'),
        portal: kinds('portal'),
      }).toEqual({ ca: 6, orderer: 3, peer: 5, chaincode: 5, nodeApi: 1, portal: 1 });
      expect((await reportOf(nodeProcessName(ORG)))?.detail).toMatch(
        /database ok.*projector 0 block\(s\) behind/,
      );
    });

    it('reports the node API UNHEALTHY while its database is down, until the node restarts it', async () => {
      const postmaster = join(
        embeddedDatabaseFiles(join(nodeDir(network(), ORG), 'data')).cluster,
        'postmaster.pid',
      );
      expect(existsSync(postmaster)).toBe(true);
      const database = Number.parseInt(readFileSync(postmaster, 'utf8').split('\n')[0] ?? '', 10);
      const seen: ProcessReport[] = [];
      process.kill(database, 'SIGKILL');
      const state = async (): Promise<string | undefined> => {
        const report = await reportOf(nodeProcessName(ORG));
        if (report) seen.push(report);
        return report?.state;
      };
      await expect.poll(state, { timeout: 15_000, interval: 20 }).toBe('UNHEALTHY');
      expect(seen.at(-1)?.detail).toMatch(/database/);
      expect(await status()).toBe(1);
      await expect.poll(status, BACK).toBe(0);
      expect(lines.some((line) => line.startsWith(`restarting ${nodeProcessName(ORG)}`))).toBe(false);
    });

    for (const victim of ['peer0.supplier', 'orderer1', 'chaincode-supplier', 'node-api-supplier']) {
      it(`restarts ${victim} after kill -9, logging its name and log file`, async () => {
        // A chaincode server runs under its supervisor: killing that leaves the server holding the port.
        if (victim.startsWith('chaincode-')) expect(groupMembers(pidOf(victim)).length).toBeGreaterThan(1);
        const seconds = await expectHealed(victim);
        process.stderr.write(`[supervision test] ${victim} back in ${seconds.toFixed(1)}s\n`);
        expect(lines).toContainEqual(
          expect.stringMatching(
            new RegExp(
              `^${literally(victim)} is STOPPED \\(not running\\); restarting it in 1s ` +
                `\\(log ${literally(network().paths.log(victim))}\\)$`,
            ),
          ),
        );
        // Its status can turn healthy a moment before the restart's own wait for it returns.
        const restarted = new RegExp(`^${literally(victim)} restarted in`);
        await expect.poll(() => lines.some((line) => restarted.test(line))).toBe(true);
      });
    }

    it('replaces an orderer that runs but is stuck (frozen with SIGSTOP)', async () => {
      const seconds = await expectHealed('orderer2', 'SIGSTOP');
      process.stderr.write(`[supervision test] frozen orderer2 replaced in ${seconds.toFixed(1)}s\n`);
      expect(lines).toContainEqual(
        expect.stringMatching(/^orderer2 is stuck: its operations endpoint has not answered for \d+s/),
      );
    });

    it('ends when the network is stopped elsewhere (npm stop)', async () => {
      await down(network());
      await expect(watching).resolves.toBe('stopped elsewhere');
      expect(await reports()).toEqual([]);
    });
  });
}
