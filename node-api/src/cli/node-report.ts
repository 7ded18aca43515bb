import { sampleValue, type ProcessReport } from '@scf/network';
import type { HealthReport } from '../http/health.ts';

/**
 * How long the oldest block with the chaincode's events may wait unapplied before the node API counts
 * as LAGGING: a projector applying a burst is behind for a moment; one that is stuck stays behind.
 */
export const PROJECTOR_LAG_SECONDS = 30;

/** What was seen of one org's node API at one moment. */
export interface NodeApiSample {
  name: string;
  org: string;
  endpoint: string;
  log: string;
  pid: number | undefined;
  /** GET /healthz: its status and body, or undefined when it did not answer. */
  health: { status: number; body: string } | undefined;
  /** GET /metrics, when it answered. */
  metrics: string | undefined;
}

export interface PortalSample {
  name: string;
  org: string;
  endpoint: string;
  log: string;
  pid: number | undefined;
  /** It serves its config.json. */
  answers: boolean;
}

type Base = Omit<ProcessReport, 'state' | 'detail'>;

function healthOf(health: { status: number; body: string }): HealthReport | undefined {
  try {
    const report = JSON.parse(health.body) as Partial<HealthReport>;
    return typeof report.status === 'string' && typeof report.checks === 'object'
      ? (report as HealthReport)
      : undefined;
  } catch {
    return undefined;
  }
}

function projectorReport(base: Base, health: HealthReport, checks: string, metrics: string): ProcessReport {
  const lagBlocks = sampleValue(metrics, 'scf_projector_lag_blocks') ?? 0;
  const lagSeconds = Math.round(sampleValue(metrics, 'scf_projector_lag_seconds') ?? 0);
  const quarantined = sampleValue(metrics, 'scf_projector_quarantined_events') ?? 0;
  if (quarantined > 0 || health.status === 'degraded') {
    return {
      ...base,
      state: 'DEGRADED',
      detail:
        `${checks}; ${quarantined} quarantined event(s) the read model lacks (npm run reconcile ` +
        `-w node-api -- --org ${base.org} lists them; replay-quarantine applies them after a fix)`,
    };
  }
  if (lagBlocks > 0 && lagSeconds >= PROJECTOR_LAG_SECONDS) {
    return {
      ...base,
      state: 'LAGGING',
      behind: lagBlocks,
      detail: `${checks}; projector ${lagBlocks} block(s) behind for ${lagSeconds}s`,
    };
  }
  return {
    ...base,
    state: 'healthy',
    detail: `${checks}; projector ${lagBlocks} block(s) behind, ${quarantined} quarantined`,
  };
}

/**
 * Judges a node API by what it says of itself: /healthz (its database, peer and CA answer; the
 * projector's quarantine) and /metrics (projector lag, quarantined events).
 */
export function reportNodeApi(sample: NodeApiSample): ProcessReport {
  const { name, org, endpoint, log, pid } = sample;
  const base: Base = { name, kind: 'node-api', org, endpoint, pid, log };
  if (pid === undefined) return { ...base, state: 'STOPPED', detail: 'not running' };
  if (sample.health === undefined) return { ...base, state: 'UNHEALTHY', detail: '/healthz does not answer' };
  const health = healthOf(sample.health);
  if (health === undefined) {
    return {
      ...base,
      state: 'UNHEALTHY',
      detail: `/healthz answered ${sample.health.status} without a report`,
    };
  }
  const checks = Object.entries(health.checks)
    .map(([check, result]) => `${check} ${result}`)
    .join(', ');
  if (health.status === 'unavailable') {
    const failing = Object.keys(health.checks).filter((check) => health.checks[check] === 'fail');
    return { ...base, state: 'UNHEALTHY', detail: `${failing.join(', ')} failing (${checks})` };
  }
  if (sample.metrics === undefined)
    return { ...base, state: 'UNHEALTHY', detail: `${checks}; /metrics does not answer` };
  return projectorReport(base, health, checks, sample.metrics);
}

export function reportPortal(sample: PortalSample): ProcessReport {
  const { name, org, endpoint, log, pid } = sample;
  const base: Base = { name, kind: 'portal', org, endpoint, pid, log };
  if (pid === undefined) return { ...base, state: 'STOPPED', detail: 'not running' };
  return sample.answers
    ? { ...base, state: 'healthy', detail: 'serves the portal' }
    : { ...base, state: 'UNHEALTHY', detail: 'does not serve config.json' };
}
