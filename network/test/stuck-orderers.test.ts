import { describe, expect, it } from 'vitest';
import type { RaftView } from '../scripts/raft-view.ts';
import { StuckOrdererCheck, type OrdererObservation } from '../scripts/stuck-orderers.ts';

const OPTIONS = { leaderlessMs: 20_000, behindMs: 30_000, graceMs: 60_000 };

function view(overrides: Partial<RaftView> = {}): RaftView {
  return {
    isLeader: false,
    activeNodes: 3,
    clusterSize: 3,
    leaderChanges: 1,
    steps: 10,
    height: 10,
    ...overrides,
  };
}

/** Three orderers: orderer0 leads, orderer1 follows, orderer2 as given. */
function round(third: Partial<OrdererObservation>, height = 10): OrdererObservation[] {
  return [
    { name: 'orderer0', alive: true, view: view({ isLeader: true, height }) },
    { name: 'orderer1', alive: true, view: view({ height }) },
    { name: 'orderer2', alive: true, view: view({ height }), ...third },
  ];
}

describe('stuck orderers', () => {
  it('restarts an orderer that knows no leader while another leads, after 20 s', () => {
    const check = new StuckOrdererCheck(OPTIONS);
    const lost = { view: view({ activeNodes: 0 }) };
    expect(check.observe(0, round(lost))).toEqual([]);
    expect(check.observe(19_000, round(lost))).toEqual([]);
    const stuck = check.observe(20_000, round(lost));
    expect(stuck.map((orderer) => orderer.name)).toEqual(['orderer2']);
    expect(stuck[0]?.reason).toMatch(/known no Raft leader for 20s while orderer0 leads/);
  });

  it('forgets a lost spell once the orderer follows the leader again', () => {
    const check = new StuckOrdererCheck(OPTIONS);
    const lost = { view: view({ activeNodes: 0 }) };
    check.observe(0, round(lost));
    check.observe(10_000, round({}));
    expect(check.observe(25_000, round(lost))).toEqual([]);
    expect(check.observe(45_000, round(lost)).map((orderer) => orderer.name)).toEqual(['orderer2']);
  });

  it('leaves an orderer alone that knows no leader because no one leads (no quorum)', () => {
    const check = new StuckOrdererCheck(OPTIONS);
    const leaderless: OrdererObservation[] = [
      { name: 'orderer0', alive: false, view: undefined },
      { name: 'orderer1', alive: false, view: undefined },
      { name: 'orderer2', alive: true, view: view({ activeNodes: 0 }) },
    ];
    expect(check.observe(0, leaderless)).toEqual([]);
    expect(check.observe(60_000, leaderless)).toEqual([]);
  });

  it('restarts an orderer whose process lives but whose operations endpoint went silent', () => {
    const check = new StuckOrdererCheck(OPTIONS);
    const silent = { view: undefined };
    check.observe(0, round(silent));
    const stuck = check.observe(20_000, round(silent));
    expect(stuck[0]?.reason).toMatch(/operations endpoint has not answered for 20s/);
  });

  it('restarts an orderer whose ledger stays behind while the others grow, after 30 s', () => {
    const check = new StuckOrdererCheck(OPTIONS);
    const behind = { view: view({ height: 5 }) };
    expect(check.observe(0, round(behind, 10))).toEqual([]);
    expect(check.observe(29_000, round(behind, 12))).toEqual([]);
    const stuck = check.observe(30_000, round(behind, 14));
    expect(stuck[0]?.reason).toMatch(/stayed at height 5 for 30s while the others grew to 14/);
  });

  it('does not count one behind as stuck while it catches up, or while the others do not grow', () => {
    const catchingUp = new StuckOrdererCheck(OPTIONS);
    for (const [at, height] of [
      [0, 5],
      [20_000, 7],
      [40_000, 9],
      [60_000, 11],
    ] as const) {
      expect(catchingUp.observe(at, round({ view: view({ height }) }, 20 + at / 1000))).toEqual([]);
    }
    const idle = new StuckOrdererCheck(OPTIONS);
    expect(idle.observe(0, round({ view: view({ height: 5 }) }, 10))).toEqual([]);
    expect(idle.observe(90_000, round({ view: view({ height: 5 }) }, 10))).toEqual([]);
  });

  it('leaves a restarted orderer alone for its grace period, and ignores dead ones', () => {
    const check = new StuckOrdererCheck(OPTIONS);
    const lost = { view: view({ activeNodes: 0 }) };
    check.observe(0, round(lost));
    check.restarted('orderer2', 5_000);
    expect(check.observe(30_000, round(lost))).toEqual([]);
    expect(check.observe(64_000, round(lost))).toEqual([]);
    // Its lost spell counts from the end of its grace.
    expect(check.observe(70_000, round(lost))).toEqual([]);
    expect(check.observe(90_000, round(lost)).map((orderer) => orderer.name)).toEqual(['orderer2']);
    expect(new StuckOrdererCheck(OPTIONS).observe(0, round({ alive: false, view: undefined }))).toEqual([]);
  });
});
