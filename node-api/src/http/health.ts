import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { Database } from '../db/client.ts';
import { jsonResponse } from './json-response.ts';

/** One dependency the node needs to serve: it resolves when the dependency answers, throws when not. */
export interface HealthCheck {
  name: string;
  check: () => Promise<void>;
}

export type CheckResult = 'ok' | 'fail';

export interface HealthReport {
  status: 'ok' | 'degraded';
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
        await withDeadline(check(), CHECK_DEADLINE_MS);
        return [name, 'ok'];
      } catch (error) {
        logger.warn(`health check ${name} failed`, error);
        return [name, 'fail'];
      }
    }),
  );
  const healthy = results.every(([, result]) => result === 'ok');
  return { status: healthy ? 'ok' : 'degraded', checks: Object.fromEntries(results) };
}

async function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz: 200 when every check passes, 503 otherwise; for orchestrators and the start script. */
export function useHealthEndpoint(checks: readonly HealthCheck[], logger: YogaLogger): Plugin {
  return {
    async onRequest(payload) {
      const { url, request } = payload;
      if (url.pathname !== '/healthz' || request.method !== 'GET') return;
      const report = await runHealthChecks(checks, logger);
      payload.endResponse(
        jsonResponse(report.status === 'ok' ? 200 : 503, report, { 'cache-control': 'no-store' }),
      );
    },
  };
}
