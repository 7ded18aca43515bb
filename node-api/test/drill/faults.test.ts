import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  groupMembers,
  isRunning,
  openNetwork,
  runningPid,
  startProcess,
  type NetworkContext,
  type ProcessReport,
} from '@scf/network';
import { faultsNamed } from '../../src/drill/faults.ts';

/** Stand-ins for the network's processes: a `sleep`, or a shell with a child of its own (a supervisor). */
const lone = { command: 'sleep', args: ['60'], env: {} };
const withChild = { command: 'bash', args: ['-c', 'sleep 60 & wait'], env: {} };

function orderer(name: string, isLeader: boolean): ProcessReport {
  const raft = { isLeader, activeNodes: 3, clusterSize: 3, leaderChanges: 1, steps: 1, height: 1 };
  return {
    name,
    kind: 'orderer',
    org: 'orderer',
    endpoint: '',
    pid: 1,
    state: 'healthy',
    detail: '',
    log: '',
    raft,
  };
}

describe('drill faults kill what they name and see it come back', () => {
  let stateDir: string;
  let ctx: NetworkContext;
  const started: number[] = [];

  const start = (name: string, spec: typeof lone): number => {
    const pid = startProcess(ctx.paths, { name, ...spec });
    started.push(pid);
    return pid;
  };

  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'scf-drill-faults-'));
    ctx = openNetwork({ stateDir, log: () => undefined });
  });

  afterEach(() => {
    for (const pid of started.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('kills the peer with SIGKILL and is recovered only once a new peer process runs', async () => {
    const pid = start('peer0.supplier', lone);
    const [fault] = faultsNamed({ ctx, reports: () => Promise.resolve([]) }, ['supplier-peer']);
    if (!fault) throw new Error('no fault');
    expect(await fault.inject()).toBe(`peer0.supplier (pid ${String(pid)})`);
    await expect.poll(() => isRunning(pid)).toBe(false);
    expect(await fault.recovered()).toBe(false);
    start('peer0.supplier', lone);
    expect(await fault.recovered()).toBe(true);
  });

  it('kills a chaincode server together with its supervisor (the whole process group)', async () => {
    const pid = start('chaincode-supplier', withChild);
    await expect.poll(() => groupMembers(pid).length).toBe(2);
    const [fault] = faultsNamed({ ctx, reports: () => Promise.resolve([]) }, ['supplier-chaincode']);
    await fault?.inject();
    await expect.poll(() => groupMembers(pid)).toEqual([]);
  });

  it('finds the Raft leader in the orderer metrics, and kills it and one follower for two-orderers', async () => {
    const pids = ['orderer0', 'orderer1', 'orderer2'].map((name) => start(name, lone));
    const reports = (): Promise<ProcessReport[]> =>
      Promise.resolve([orderer('orderer0', false), orderer('orderer1', true), orderer('orderer2', false)]);
    const [leader, two] = faultsNamed({ ctx, reports }, ['leader-orderer', 'two-orderers']);
    expect(await leader?.inject()).toBe(`orderer1 (pid ${String(pids[1])})`);
    start('orderer1', lone);
    expect(await two?.inject()).toMatch(/^orderer1 \(pid \d+\), orderer0 \(pid \d+\)$/);
    await expect
      .poll(() => [runningPid(ctx.paths, 'orderer0'), runningPid(ctx.paths, 'orderer2')])
      .toEqual([undefined, pids[2]]);
  });

  it('refuses to strike at a process that does not run', async () => {
    const [fault] = faultsNamed({ ctx, reports: () => Promise.resolve([]) }, ['supplier-node-api']);
    await expect(fault?.inject()).rejects.toMatchObject({ code: 'FAULT_NOT_APPLICABLE' });
  });
});
