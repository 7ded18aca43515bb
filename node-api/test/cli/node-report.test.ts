import { describe, expect, it } from 'vitest';
import { formatReports, statusExitCode } from '@scf/network';
import { reportNodeApi, reportPortal, type NodeApiSample } from '../../src/cli/node-report.ts';

const OK_HEALTH = { status: 'ok', checks: { database: 'ok', projector: 'ok', peer: 'ok', ca: 'ok' } };

function metrics(options: { lagBlocks?: number; lagSeconds?: number; quarantined?: number } = {}): string {
  return [
    '# HELP scf_projector_lag_blocks Blocks the read model is behind the peer.',
    `scf_projector_lag_blocks ${options.lagBlocks ?? 0}`,
    `scf_projector_lag_seconds ${options.lagSeconds ?? 0}`,
    'scf_projector_last_block 42',
    `scf_projector_quarantined_events ${options.quarantined ?? 0}`,
  ].join('\n');
}

function sample(overrides: Partial<NodeApiSample> = {}): NodeApiSample {
  return {
    name: 'node-api-core',
    org: 'core',
    endpoint: 'http://127.0.0.1:7006',
    log: '/state/logs/node-api-core.log',
    pid: 42,
    health: { status: 200, body: JSON.stringify(OK_HEALTH) },
    metrics: metrics(),
    ...overrides,
  };
}

describe('node API status', () => {
  it('is healthy when its checks pass and the projector keeps up', () => {
    const report = reportNodeApi(sample());
    expect(report).toMatchObject({ kind: 'node-api', state: 'healthy' });
    expect(report.detail).toBe(
      'database ok, projector ok, peer ok, ca ok; projector 0 block(s) behind, 0 quarantined',
    );
  });

  it('is UNHEALTHY while its database is down, naming the failing check', () => {
    const down = {
      status: 'unavailable',
      checks: { ...OK_HEALTH.checks, database: 'fail', projector: 'fail' },
    };
    const report = reportNodeApi(sample({ health: { status: 503, body: JSON.stringify(down) } }));
    expect(report.state).toBe('UNHEALTHY');
    expect(report.detail).toMatch(/^database, projector failing \(database fail/);
  });

  it('is STOPPED without a process and UNHEALTHY when it does not answer or answers nonsense', () => {
    expect(reportNodeApi(sample({ pid: undefined })).state).toBe('STOPPED');
    expect(reportNodeApi(sample({ health: undefined })).detail).toBe('/healthz does not answer');
    expect(reportNodeApi(sample({ health: { status: 502, body: '<html>' } })).detail).toBe(
      '/healthz answered 502 without a report',
    );
    expect(reportNodeApi(sample({ metrics: undefined })).state).toBe('UNHEALTHY');
  });

  it('is LAGGING when its projector has left blocks unapplied for half a minute, not for a moment', () => {
    expect(reportNodeApi(sample({ metrics: metrics({ lagBlocks: 3, lagSeconds: 2 }) })).state).toBe(
      'healthy',
    );
    const lagging = reportNodeApi(sample({ metrics: metrics({ lagBlocks: 3, lagSeconds: 45 }) }));
    expect(lagging).toMatchObject({ state: 'LAGGING', behind: 3 });
    expect(lagging.detail).toMatch(/projector 3 block\(s\) behind for 45s$/);
  });

  it('is DEGRADED while events sit in quarantine, with what to run', () => {
    const degraded = { status: 'degraded', checks: { ...OK_HEALTH.checks, projector: 'degraded' } };
    const report = reportNodeApi(
      sample({
        health: { status: 200, body: JSON.stringify(degraded) },
        metrics: metrics({ quarantined: 2 }),
      }),
    );
    expect(report.state).toBe('DEGRADED');
    expect(report.detail).toMatch(/2 quarantined event\(s\).*npm run reconcile -w node-api -- --org core/);
    expect(statusExitCode([report])).toBe(1);
  });

  it('judges a portal by whether it serves', () => {
    const base = { name: 'portal-core', org: 'core', endpoint: 'http://127.0.0.1:7007', log: '/l', pid: 7 };
    const reports = [reportPortal({ ...base, answers: true }), reportPortal({ ...base, answers: false })];
    expect(reports.map((report) => report.state)).toEqual(['healthy', 'UNHEALTHY']);
    expect(reportPortal({ ...base, pid: undefined, answers: false }).state).toBe('STOPPED');
    expect(formatReports(reports)).toMatch(/1 of 2 processes not healthy: portal-core UNHEALTHY/);
  });
});
