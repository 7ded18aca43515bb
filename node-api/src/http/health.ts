import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { Database } from '../db/client.ts';
import { countQuarantined } from '../projector/quarantine.ts';
import { jsonResponse } from './json-response.ts';

/**
 * One thing /healthz looks at: a dependency the node needs to serve (resolves when it answers, throws
 * when not), or a state that keeps it serving but incompletely (resolves 'degraded'; any other value
 * counts as ok).
 */
export interface HealthCheck {
  name: string;
  check: () => Promise<unknown>;
}

export type CheckResult = 'ok' | 'degraded' | 'fail';

/**
 * `ok` (200): everything answers. `degraded` (200): everything answers and the node serves, but some
 * check says its answers are incomplete (the projector quarantined events: the read model lacks what
 * they wrote) — an operator must act; restarting or taking the node out of rotation would not help.
 * `unavailable` (503): a dependency (database, peer, CA) does not answer.
 */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  checks: Record<string, CheckResult>;
}

/** A check that never answers counts as failed after this long, so /healthz always answers. */
const CHECK_DEADLINE_MS = 5_000;

/** The read model answers a trivial query. */
export function databaseCheck(db: Database): HealthCheck {
  return {
    name: 'database',
    check: async () => {
      await db.$queryRaw`SELECT 1`;
    },
  };
}

/**
 * 'degraded' while the projector holds quarantined events: the read model lacks what they wrote until
 * they are replayed (npm run replay-quarantine). Fails with the database.
 */
export function quarantineCheck(db: Database): HealthCheck {
  return {
    name: 'projector',
    check: async () => ((await countQuarantined(db)) > 0 ? 'degraded' : undefined),
  };
}

/**
 * Runs every check at once. Failures are logged, not returned: /healthz is public, and a failure's
 * message may name hosts and paths.
 */
export async function runHealthChecks(
  checks: readonly HealthCheck[],
  logger: YogaLogger,
): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }): Promise<[string, CheckResult]> => {
      try {
        const outcome = await withDeadline(check(), CHECK_DEADLINE_MS);
        return [name, outcome === 'degraded' ? 'degraded' : 'ok'];
      } catch (error) {
        logger.warn(`health check ${name} failed`, error);
        return [name, 'fail'];
      }
    }),
  );
  const outcomes = new Set(results.map(([, result]) => result));
  const status = outcomes.has('fail') ? 'unavailable' : outcomes.has('degraded') ? 'degraded' : 'ok';
  return { status, checks: Object.fromEntries(results) };
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz for orchestrators and the start script: 200 `ok` or `degraded` while the node serves,
 * 503 `unavailable` when a dependency does not answer (see HealthReport).
 */
export function useHealthEndpoint(checks: readonly HealthCheck[], logger: YogaLogger): Plugin {
  return {
    async onRequest(payload) {
      const { url, request } = payload;
      if (url.pathname !== '/healthz' || request.method !== 'GET') return;
      const report = await runHealthChecks(checks, logger);
      payload.endResponse(
        jsonResponse(report.status === 'unavailable' ? 503 : 200, report, { 'cache-control': 'no-store' }),
      );
    },
  };
}
