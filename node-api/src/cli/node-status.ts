import {
  httpGet,
  httpOk,
  runningPid,
  type NetworkContext,
  type ProcessReport,
  type Restarter,
} from '@scf/network';
import { nodeUrl, portalUrl } from './node-env.ts';
import {
  ensureNode,
  ensurePortal,
  nodeExpected,
  nodeProcessName,
  portalExpected,
  portalProcessName,
} from './node-processes.ts';
import { reportNodeApi, reportPortal } from './node-report.ts';
import { ensureRegistry, REGISTRY_PROCESS, registryExpected, registryReport } from './registry-process.ts';

/** Longer than the node API's own deadline for a health check (5 s), so /healthz always has its say. */
const HEALTH_TIMEOUT_MS = 6_000;

/** Every node API and portal this state folder has started, and its test registry, judged as `status` shows them. */
export async function nodeReports(ctx: NetworkContext): Promise<ProcessReport[]> {
  const { members } = ctx.local;
  const apis = members.filter((member) => nodeExpected(ctx, member));
  const portals = members.filter((member) => portalExpected(ctx, member));
  return Promise.all([
    ...(registryExpected(ctx) ? [registryReport(ctx)] : []),
    ...apis.map(async (member) => {
      const name = nodeProcessName(member.name);
      const pid = runningPid(ctx.paths, name);
      const url = nodeUrl(member);
      const health = pid === undefined ? undefined : await httpGet(`${url}/healthz`, HEALTH_TIMEOUT_MS);
      const metrics = health === undefined ? undefined : await httpGet(`${url}/metrics`);
      return reportNodeApi({
        name,
        org: member.name,
        endpoint: url,
        log: ctx.paths.log(name),
        pid,
        health,
        metrics: metrics?.status === 200 ? metrics.body : undefined,
      });
    }),
    ...portals.map(async (member) => {
      const name = portalProcessName(member.name);
      const pid = runningPid(ctx.paths, name);
      const url = portalUrl(member);
      const answers = pid !== undefined && (await httpOk(`${url}/config.json`));
      return reportPortal({ name, org: member.name, endpoint: url, log: ctx.paths.log(name), pid, answers });
    }),
  ]);
}

/** The watch restarts node APIs, portals and the registry with the starts `nodes up` uses. */
export function nodeRestarters(ctx: NetworkContext): Map<string, Restarter> {
  const restarters = new Map<string, Restarter>();
  restarters.set(REGISTRY_PROCESS, { start: () => ensureRegistry(ctx) });
  for (const member of ctx.local.members) {
    restarters.set(nodeProcessName(member.name), { start: () => ensureNode(ctx, member) });
    restarters.set(portalProcessName(member.name), { start: () => ensurePortal(ctx, member) });
  }
  return restarters;
}
