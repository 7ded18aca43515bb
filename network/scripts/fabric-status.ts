import type { NetworkContext } from './context.ts';
import { reportFabric, type FabricSample } from './fabric-report.ts';
import { httpGet } from './health.ts';
import type { ProcessReport } from './process-report.ts';
import { runningPid } from './processes.ts';
import { fabricProbes } from './status.ts';

/** One round of looking at every Fabric process at once: pid, health endpoint, metrics. */
export async function sampleFabric(ctx: NetworkContext): Promise<FabricSample[]> {
  return Promise.all(
    fabricProbes(ctx).map(async (probe): Promise<FabricSample> => {
      const pid = runningPid(ctx.paths, probe.name);
      const answers = pid !== undefined && (await probe.check());
      const metrics = answers && probe.metricsUrl ? await httpGet(probe.metricsUrl) : undefined;
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
