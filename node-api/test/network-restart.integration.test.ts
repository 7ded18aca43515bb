import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { status } from '@grpc/grpc-js';
import type { Contract } from '@hyperledger/fabric-gateway';
import {
  clean,
  enrollUser,
  findFreeBasePort,
  httpOk,
  killAllSync,
  loadConfig,
  nodeStatuses,
  openNetwork,
  portSpan,
  runningPid,
  type EnrolledUser,
  type MemberPlan,
  type NetworkContext,
} from '@scf/network';
import { connectMember, type LedgerConnection } from '../src/ledger/index.ts';
import { nodeUrl } from '../src/cli/node-env.ts';
import { ensureNode, nodeProcessName } from '../src/cli/node-processes.ts';

/**
 * Issue 14, item 1: `npm stop` then `npm start` on a consortium that had run a while failed three times
 * out of three. This test grows a ledger of thousands of blocks, then stops and starts the network the
 * way the README's commands do (the network CLI as a subprocess), after a clean stop, after every
 * process was killed, and after a start that died midway, and checks each time that the whole
 * consortium is back: every process, the chaincode on every peer, and a write that commits.
 */

const CLI = fileURLToPath(new URL('../../network/scripts/cli.ts', import.meta.url));
/** One transaction per block, so that a minute of writes grows the ledger by thousands of blocks. */
const BLOCKS = Number(process.env.SCF_RESTART_TEST_BLOCKS ?? 2000);
const WRITERS = 64;
/** How often a filling write is sent when the orderers do not take it within the submit deadline. */
const FILL_ATTEMPTS = 3;
const isDeadline = (error: unknown): boolean =>
  (error as { code?: unknown }).code === status.DEADLINE_EXCEEDED;
const NODES = { ca: 6, orderer: 3, peer: 5, chaincode: 5 };
const ALL_NODES = Object.values(NODES).reduce((sum, count) => sum + count, 0);

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('a consortium holding thousands of blocks comes back after stop, crash and failed start', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'scf-restart-'));
  let ctx: NetworkContext | undefined;
  const users = new Map<string, EnrolledUser>();
  const connections: LedgerConnection[] = [];
  let builtHeight = 0;
  let written = 0;

  const network = (): NetworkContext => {
    if (!ctx) throw new Error('network did not start');
    return ctx;
  };

  /** Starts the network CLI the way scripts/start.sh and scripts/network.sh do. */
  function spawnCli(args: string[]): ChildProcess {
    return spawn(process.execPath, [CLI, ...args, '--state-dir', stateDir], {
      // The chaincode servers also serve the test-only contract (`test:PutNote`).
      env: { ...process.env, SCF_CHAINCODE_TEST_CONTRACTS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  function collect(child: ChildProcess): Promise<CliResult> {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => {
      child.once('close', (code) => {
        resolve({ code, stdout, stderr });
      });
    });
  }

  const cli = (...args: string[]): Promise<CliResult> => collect(spawnCli(args));

  async function cliOk(...args: string[]): Promise<CliResult> {
    const result = await cli(...args);
    if (result.code !== 0) {
      throw new Error(
        `network ${args.join(' ')} exited ${String(result.code)}:\n${result.stderr}${result.stdout}`,
      );
    }
    return result;
  }

  /** A gateway connection through the org's own peer, closed after the test at the latest. */
  function contractOf(org: string): { contract: Contract; close: () => void } {
    const user = users.get(org);
    if (!user) throw new Error(`no user for ${org}`);
    const connection = connectMember(network(), user);
    connections.push(connection);
    const { channel, chaincode } = network().topology.config;
    return {
      contract: connection.gateway.getNetwork(channel).getContract(chaincode.name),
      close: connection.close,
    };
  }

  async function peerHeights(): Promise<number[]> {
    return Promise.all(
      network().topology.members.map(async (org: MemberPlan) => {
        const response = await fetch(`http://${org.peer.host}:${org.peer.opsPort}/metrics`);
        const line = (await response.text())
          .split('\n')
          .find((row) => row.startsWith('ledger_blockchain_height{'));
        return Number(line?.split(' ').pop() ?? 0);
      }),
    );
  }

  /** What an operator needs after `npm start`: every process up, the chaincode on every peer, writes. */
  async function expectWholeConsortium(): Promise<void> {
    const status = await cli('status');
    expect(status.stdout).toContain(`all ${ALL_NODES} processes healthy`);
    expect(status.code).toBe(0);
    const nodes = await nodeStatuses(network());
    const count = (kind: string): number => nodes.filter((node) => node.kind === kind && node.healthy).length;
    expect({
      ca: count('ca'),
      orderer: count('orderer'),
      peer: count('peer'),
      chaincode: count('chaincode'),
    }).toEqual(NODES);

    const members = network().topology.members;
    const clients = members.map((org) => ({ org, ...contractOf(org.name) }));
    try {
      // A query answered by each org's own peer (the gateway evaluates on its own peer first).
      for (const { org, contract } of clients) {
        const caller = JSON.parse(
          Buffer.from(await contract.evaluateTransaction('smoke:WhoAmI')).toString(),
        ) as { mspId: string };
        expect(caller.mspId).toBe(org.mspId);
      }
      const [writer, reader] = [clients[written % clients.length], clients[(written + 1) % clients.length]];
      if (!writer || !reader) throw new Error('no member org');
      const key = `restart-${written}`;
      written += 1;
      await writer.contract.submitTransaction('test:PutNote', key, `written by ${writer.org.name}`);
      // Committed on the writer's peer; another org's peer has it once it pulled the block too.
      const readNote = async (): Promise<string> => {
        const bytes = await reader.contract.evaluateTransaction('test:GetNote', key).catch(() => undefined);
        return bytes ? (JSON.parse(Buffer.from(bytes).toString()) as { writtenBy: string }).writtenBy : '';
      };
      await expect.poll(readNote, { timeout: 10_000 }).toBe(writer.org.mspId);
    } finally {
      for (const client of clients) client.close();
    }
    for (const height of await peerHeights()) expect(height).toBeGreaterThan(builtHeight);
  }

  beforeAll(async () => {
    // As root, node APIs' embedded PostgreSQL runs as `postgres`, which must reach its data below.
    chmodSync(stateDir, 0o755);
    const config = join(stateDir, 'consortium.json');
    writeFileSync(config, JSON.stringify({ ...loadConfig(), batch: { maxMessageCount: 1 } }, null, 2));
    const basePort = await findFreeBasePort(portSpan(loadConfig()));
    process.once('exit', () => {
      if (ctx) killAllSync(ctx.paths);
    });
    const started = Date.now();
    const first = await cli('up', '--config', config, '--base-port', String(basePort));
    ctx = openNetwork({ stateDir, log: () => undefined });
    if (first.code !== 0) throw new Error(`first up failed:\n${first.stderr}`);
    const upSeconds = (Date.now() - started) / 1000;

    for (const org of network().topology.members) {
      users.set(
        org.name,
        await enrollUser(network(), {
          org: org.name,
          name: 'restarter',
          enterpriseId: `R-${org.name}`,
          role: 'clerk',
        }),
      );
    }
    const clients = network().topology.members.map((org) => contractOf(org.name).contract);

    // Concurrent writers through every org's gateway; with one transaction per block, one block each.
    const filling = Date.now();
    let next = 0;
    const writerLoop = async (worker: number): Promise<void> => {
      const contract = clients[worker % clients.length];
      if (!contract) return;
      while (next < BLOCKS) {
        const index = next++;
        // Filling, not under test: a write the loaded orderers did not take within the submit deadline
        // is sent again (the same note: one more block at most).
        for (let attempt = 1; ; attempt += 1) {
          try {
            await contract.submitTransaction('test:PutNote', `fill-${index % 500}`, `block ${index}`);
            break;
          } catch (error) {
            if (attempt >= FILL_ATTEMPTS || !isDeadline(error)) throw error;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, worker) => writerLoop(worker)));
    builtHeight = Math.min(...(await peerHeights()));
    const fillSeconds = (Date.now() - filling) / 1000;
    process.stderr.write(
      `[restart test] first up ${upSeconds.toFixed(0)}s; ${BLOCKS} writes in ` +
        `${fillSeconds.toFixed(0)}s (${(BLOCKS / fillSeconds).toFixed(0)}/s); ledger height ${builtHeight}\n`,
    );
    expect(builtHeight).toBeGreaterThan(BLOCKS);
  });

  afterAll(async () => {
    for (const connection of connections) connection.close();
    if (ctx) await clean(ctx);
  });

  for (const round of [1, 2, 3]) {
    it(`comes back after npm stop, npm start (round ${round})`, { timeout: 240_000 }, async () => {
      await cliOk('down');
      expect(await nodeStatuses(network())).toEqual([]);
      await cliOk('up');
      await expectWholeConsortium();
    });
  }

  it('comes back after every process was killed with SIGKILL', { timeout: 240_000 }, async () => {
    killAllSync(network().paths);
    await expect.poll(async () => (await nodeStatuses(network())).filter((node) => node.healthy)).toEqual([]);
    await cliOk('up');
    await expectWholeConsortium();
  });

  it(
    'comes back after a start that died midway, and never calls that half network healthy',
    {
      timeout: 300_000,
    },
    async () => {
      await cliOk('down');
      // The start dies right after the peers are up, before any chaincode server runs.
      const child = spawnCli(['up']);
      const result = collect(child);
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (/peers up, \d+ joined/.test(seen)) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.once('close', () => {
          reject(new Error(`up ended before the peers were up:\n${seen}`));
        });
      });
      await result;
      const halfway = await cli('status');
      expect(halfway.stdout).toMatch(/chaincode-\w+ +chaincode .* STOPPED/);
      expect(halfway.code).toBe(1);
      await cliOk('up');
      await expectWholeConsortium();
    },
  );

  it(
    'has the node API launcher wait for the chaincode, with a deadline, instead of dying',
    {
      timeout: 300_000,
    },
    async () => {
      const core = network().topology.members[0];
      if (!core) throw new Error('no member org');
      await cliOk('down');
      await cliOk('up', '--no-deploy');
      await expect(ensureNode(network(), core, { chaincodeTimeoutMs: 3_000 })).rejects.toThrow(
        new RegExp(`chaincode-${core.name} is not running.*logs/chaincode-${core.name}\\.log`, 's'),
      );
      expect(runningPid(network().paths, nodeProcessName(core.name))).toBeUndefined();
      // Started while the network is still coming up, as `npm start` may: it waits, then starts.
      const starting = ensureNode(network(), core);
      starting.catch(() => undefined); // awaited below, after `up`
      await cliOk('up');
      await expect(starting).resolves.toBe(true);
      expect(await httpOk(`${nodeUrl(core)}/healthz`)).toBe(true);
      await expectWholeConsortium();
    },
  );
});
