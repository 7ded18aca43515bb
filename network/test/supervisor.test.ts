import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ProcessReport } from '../scripts/process-report.ts';
import type { RaftView } from '../scripts/raft-view.ts';
import { Supervisor, type Restarter } from '../scripts/supervisor.ts';

const FAST = {
  intervalMs: 10,
  backoff: { firstMs: 20, maxMs: 80, resetAfterMs: 10_000 },
  stuck: { leaderlessMs: 60, behindMs: 1_000, graceMs: 1_000 },
};

function report(name: string, overrides: Partial<ProcessReport> = {}): ProcessReport {
  return {
    name,
    kind: 'peer',
    org: 'core',
    endpoint: '127.0.0.1:7002',
    pid: 1,
    state: 'healthy',
    detail: 'ok',
    log: `/state/logs/${name}.log`,
    ...overrides,
  };
}

const raft = (overrides: Partial<RaftView>): RaftView => ({
  isLeader: false,
  activeNodes: 3,
  clusterSize: 3,
  leaderChanges: 1,
  steps: 1,
  height: 5,
  ...overrides,
});

/** A fake consortium: what `observe` reports is whatever the test put in `world`. */
function harness(world: Map<string, ProcessReport>, restarters: Map<string, Restarter>) {
  const lines: string[] = [];
  let stopped = false;
  const supervisor = new Supervisor({
    ...FAST,
    observe: () => Promise.resolve([...world.values()]),
    restarters,
    stopRequested: () => stopped,
    log: (line) => lines.push(line),
  });
  return {
    supervisor,
    lines,
    requestStop: () => {
      stopped = true;
    },
  };
}

describe('the watch', () => {
  it('restarts a dead process after its pause, naming it and its log; only reports a lagging one', async () => {
    const world = new Map([
      ['peer0.core', report('peer0.core', { pid: undefined, state: 'STOPPED', detail: 'not running' })],
      ['peer0.banka', report('peer0.banka', { state: 'LAGGING', behind: 40, detail: 'height 10 of 50' })],
    ]);
    let starts = 0;
    const restarters = new Map<string, Restarter>([
      [
        'peer0.core',
        {
          start: () => {
            starts += 1;
            world.set('peer0.core', report('peer0.core'));
            return Promise.resolve();
          },
        },
      ],
      ['peer0.banka', { start: () => Promise.reject(new Error('must not be restarted')) }],
    ]);
    const { supervisor, lines } = harness(world, restarters);
    const running = supervisor.run();
    await expect.poll(() => lines.some((line) => line.includes('peer0.core is healthy again'))).toBe(true);
    supervisor.stop();
    await expect(running).resolves.toBe('stopped');
    expect(starts).toBe(1);
    expect(lines).toContain(
      'peer0.core is STOPPED (not running); restarting it in 0.02s (log /state/logs/peer0.core.log)',
    );
    expect(lines).toContain('peer0.banka is LAGGING: height 10 of 50; log /state/logs/peer0.banka.log');
    expect(lines.some((line) => line.includes('restarting peer0.banka'))).toBe(false);
  });

  it('waits longer before each restart of a process that keeps dying', async () => {
    const world = new Map([['orderer1', report('orderer1', { pid: undefined, state: 'STOPPED' })]]);
    const attempts: number[] = [];
    const restarters = new Map<string, Restarter>([
      [
        'orderer1',
        {
          start: () => {
            attempts.push(Date.now());
            return Promise.reject(new Error('exited during start\nlog tail'));
          },
        },
      ],
    ]);
    const { supervisor, lines } = harness(world, restarters);
    const running = supervisor.run();
    await expect.poll(() => attempts.length, { timeout: 3_000 }).toBeGreaterThanOrEqual(4);
    supervisor.stop();
    await running;
    await supervisor.idle();
    const gaps = attempts.slice(1).map((at, index) => at - (attempts[index] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(40);
    expect(gaps[1]).toBeGreaterThanOrEqual(80);
    expect(gaps[2]).toBeGreaterThanOrEqual(80);
    expect(lines).toContain('restarting orderer1 failed: exited during start');
    expect(lines.filter((line) => line.includes('restarting it in')).slice(0, 3)).toEqual([
      expect.stringContaining('in 0.02s'),
      expect.stringContaining('in 0.04s'),
      expect.stringContaining('in 0.08s'),
    ]);
  });

  it('replaces an orderer that runs but follows no leader while another leads', async () => {
    const orderer = (name: string, view: Partial<RaftView>): ProcessReport =>
      report(name, { kind: 'orderer', org: 'orderer', raft: raft(view) });
    const world = new Map([
      ['orderer0', orderer('orderer0', { isLeader: true })],
      ['orderer1', orderer('orderer1', { activeNodes: 0 })],
    ]);
    const calls: string[] = [];
    const restarters = new Map<string, Restarter>([
      [
        'orderer1',
        {
          start: () => Promise.resolve(calls.push('start')),
          replace: () => {
            calls.push('replace');
            world.set('orderer1', orderer('orderer1', {}));
            return Promise.resolve();
          },
        },
      ],
    ]);
    const { supervisor, lines } = harness(world, restarters);
    const running = supervisor.run();
    await expect.poll(() => calls).toEqual(['replace']);
    supervisor.stop();
    await running;
    expect(lines.find((line) => line.startsWith('orderer1 is stuck'))).toMatch(
      /known no Raft leader for \d+s while orderer0 leads; restarting it in 0.02s/,
    );
  });

  it('ends when the network is stopped elsewhere, and starts nothing it had scheduled', async () => {
    const world = new Map([['portal-core', report('portal-core', { pid: undefined, state: 'STOPPED' })]]);
    let starts = 0;
    const restarters = new Map<string, Restarter>([
      ['portal-core', { start: () => Promise.resolve((starts += 1)) }],
    ]);
    const { supervisor, lines, requestStop } = harness(world, restarters);
    const running = supervisor.run();
    await expect.poll(() => lines.length).toBeGreaterThan(0);
    requestStop();
    await expect(running).resolves.toBe('stopped elsewhere');
    await supervisor.idle();
    await sleep(50);
    expect(starts).toBe(0);
  });

  it('ends when nothing runs any more', async () => {
    const { supervisor } = harness(new Map(), new Map());
    await expect(supervisor.run()).resolves.toBe('stopped elsewhere');
  });
});
