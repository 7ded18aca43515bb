import type { NetworkContext } from './context.ts';
import { reportFabric, type FabricSample } from './fabric-report.ts';
import { httpGet } from './health.ts';
import type { ProcessReport } from './process-report.ts';
import { runningPid } from './processes.ts';
import { fabricProbes } from './status.ts';

/**
 * How long a peer's or orderer's metrics page may take: it runs to hundreds of kilobytes, and on a
 * loaded 2-core machine a second was not always enough (npm test's drill saw every node "not joined").
 */
export const METRICS_TIMEOUT_MS = 5_000;

/** One round of looking at every Fabric process at once: pid, health endpoint, metrics. */
export async function sampleFabric(ctx: NetworkContext): Promise<FabricSample[]> {
  return Promise.all(
    fabricProbes(ctx).map(async (probe): Promise<FabricSample> => {
      const pid = runningPid(ctx.paths, probe.name);
      const answers = pid !== undefined && (await probe.check());
      const metrics =
        answers && probe.metricsUrl ? await httpGet(probe.metricsUrl, METRICS_TIMEOUT_MS) : undefined;
      return {
        name: probe.name,
        kind: probe.kind,
        org: probe.org,
        endpoint: probe.endpoint,
        log: ctx.paths.log(probe.name),
        pid,
        answers,
        metrics: metrics?.status === 200 ? metrics.body : undefined,
      };
    }),
  );
}

/** Every Fabric process of the network judged as `status` shows it (empty if nothing was started). */
export async function fabricReports(ctx: NetworkContext): Promise<ProcessReport[]> {
  return reportFabric(await sampleFabric(ctx), ctx.topology.config.channel);
}
