import { describe, expect, it } from 'vitest';
import { reportFabric, type FabricSample } from '../scripts/fabric-report.ts';
import { formatReports, statusExitCode, type ProcessReport } from '../scripts/process-report.ts';

function peerMetrics(height: number): string {
  return `# TYPE ledger_blockchain_height gauge\nledger_blockchain_height{channel="scf"} ${height}\n`;
}

function ordererMetrics(options: { leader?: boolean; active?: number; height: number }): string {
  return [
    `consensus_etcdraft_active_nodes{channel="scf"} ${options.active ?? 3}`,
    'consensus_etcdraft_cluster_size{channel="scf"} 3',
    'consensus_etcdraft_data_persist_duration_count{channel="scf"} 40',
    `consensus_etcdraft_is_leader{channel="scf"} ${options.leader ? 1 : 0}`,
    'consensus_etcdraft_leader_changes{channel="scf"} 1',
    `ledger_blockchain_height{channel="scf"} ${options.height}`,
  ].join('\n');
}

function sample(
  name: string,
  kind: FabricSample['kind'],
  overrides: Partial<FabricSample> = {},
): FabricSample {
  return {
    name,
    kind,
    org: kind === 'orderer' ? 'orderer' : 'core',
    endpoint: '127.0.0.1:7000',
    log: `/state/logs/${name}.log`,
    pid: 100,
    answers: true,
    ...overrides,
  };
}

function healthyNetwork(): FabricSample[] {
  return [
    sample('ca-core', 'ca'),
    sample('orderer0', 'orderer', { metrics: ordererMetrics({ leader: true, height: 20 }) }),
    sample('orderer1', 'orderer', { metrics: ordererMetrics({ height: 20 }) }),
    sample('orderer2', 'orderer', { metrics: ordererMetrics({ height: 20 }) }),
    sample('peer0.core', 'peer', { metrics: peerMetrics(20) }),
    sample('peer0.banka', 'peer', { org: 'banka', metrics: peerMetrics(18) }),
    sample('chaincode-core', 'chaincode'),
  ];
}

const stateOf = (reports: ProcessReport[], name: string): string | undefined =>
  reports.find((report) => report.name === name)?.state;

describe('Fabric status', () => {
  it('calls a network healthy when every process works, with the Raft roles and ledger heights', () => {
    const reports = reportFabric(healthyNetwork(), 'scf');
    expect(reports.map((report) => report.state)).toEqual(Array(7).fill('healthy'));
    expect(reports.find((report) => report.name === 'orderer0')?.detail).toBe(
      'Raft leader, 3 of 3 active, height 20',
    );
    expect(reports.find((report) => report.name === 'orderer1')?.detail).toBe('follows orderer0, height 20');
    expect(reports.find((report) => report.name === 'peer0.banka')?.detail).toBe('height 18 (highest 20)');
    expect(statusExitCode(reports)).toBe(0);
    expect(formatReports(reports)).toMatch(/all 7 processes healthy\n$/);
  });

  it('names a dead process STOPPED and one that lives but does not answer UNHEALTHY', () => {
    const samples = healthyNetwork();
    samples[0] = sample('ca-core', 'ca', { pid: undefined, answers: false });
    samples[6] = sample('chaincode-core', 'chaincode', { answers: false });
    const reports = reportFabric(samples, 'scf');
    expect(stateOf(reports, 'ca-core')).toBe('STOPPED');
    expect(reports.find((report) => report.name === 'chaincode-core')?.detail).toBe('its port is closed');
    expect(stateOf(reports, 'chaincode-core')).toBe('UNHEALTHY');
    expect(statusExitCode(reports)).toBe(1);
    expect(formatReports(reports)).toMatch(
      /2 of 7 processes not healthy: ca-core STOPPED, chaincode-core UNHEALTHY\n$/,
    );
  });

  it('reports a peer more than a few blocks behind the highest ledger as LAGGING, with how far', () => {
    const samples = healthyNetwork();
    samples[5] = sample('peer0.banka', 'peer', { metrics: peerMetrics(11) });
    const reports = reportFabric(samples, 'scf');
    const banka = reports.find((report) => report.name === 'peer0.banka');
    expect(banka).toMatchObject({ state: 'LAGGING', behind: 9, detail: 'height 11 of 20' });
    expect(formatReports(reports)).toContain('LAGGING 9 behind');
    expect(statusExitCode(reports)).toBe(1);
  });

  it('holds an orderer that follows no leader, or a cluster without one, UNHEALTHY', () => {
    const samples = healthyNetwork();
    samples[3] = sample('orderer2', 'orderer', { metrics: ordererMetrics({ active: 0, height: 20 }) });
    const lost = reportFabric(samples, 'scf');
    expect(lost.find((report) => report.name === 'orderer2')).toMatchObject({
      state: 'UNHEALTHY',
      detail: 'knows no Raft leader (orderer0 leads)',
    });
    expect(stateOf(lost, 'orderer1')).toBe('healthy');

    samples[1] = sample('orderer0', 'orderer', { pid: undefined, answers: false });
    const headless = reportFabric(samples, 'scf');
    expect(headless.find((report) => report.name === 'orderer1')?.detail).toBe(
      'no Raft leader in the cluster',
    );
  });

  it('compares orderer heights too, and flags a peer that has no ledger of the channel', () => {
    const samples = healthyNetwork();
    samples[2] = sample('orderer1', 'orderer', { metrics: ordererMetrics({ height: 12 }) });
    samples[4] = sample('peer0.core', 'peer', { metrics: 'go_goroutines 12\n' });
    const reports = reportFabric(samples, 'scf');
    expect(reports.find((report) => report.name === 'orderer1')).toMatchObject({
      state: 'LAGGING',
      behind: 8,
    });
    expect(reports.find((report) => report.name === 'peer0.core')?.detail).toMatch(
      /no ledger of channel "scf"/,
    );
    expect(reports.find((report) => report.name === 'orderer1')?.raft?.height).toBe(12);
  });

  it('tells a node whose metrics did not answer from one that has not joined the channel', () => {
    const samples = healthyNetwork();
    samples[1] = sample('orderer0', 'orderer', { metrics: undefined });
    samples[5] = sample('peer0.banka', 'peer', { org: 'banka', metrics: undefined });
    const reports = reportFabric(samples, 'scf');
    for (const name of ['orderer0', 'peer0.banka']) {
      expect(reports.find((report) => report.name === name)).toMatchObject({
        state: 'UNHEALTHY',
        detail: 'its metrics do not answer',
      });
    }
  });

  it('says nothing runs with exit code 1', () => {
    expect(statusExitCode([])).toBe(1);
  });
});
