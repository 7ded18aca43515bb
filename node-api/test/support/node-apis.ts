import { findMember, type NetworkContext } from '@scf/network';
import { nodeUrl } from '../../src/cli/node-env.ts';
import { ensureNodes } from '../../src/cli/node-processes.ts';
import { ensureRegistry } from '../../src/cli/registry-process.ts';
import { DEMO_PASSWORD, demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { NodeClient } from '../../src/demo/graphql-client.ts';

/**
 * Starts the network's test registry and every member org's node API as processes of the test network
 * (stopped with it); `env` overrides the nodes' environment (a higher SCF_RATE_LIMIT_PER_MINUTE, say).
 */
export async function startNodeApis(
  ctx: NetworkContext,
  options: { env?: Record<string, string> } = {},
): Promise<Record<string, string>> {
  await ensureRegistry(ctx);
  await ensureNodes(ctx, ctx.topology.members, options);
  return Object.fromEntries(ctx.topology.members.map((member) => [member.name, nodeUrl(member)]));
}

/** A demo user's client of its own org's node API. */
export function loginAs(
  ctx: NetworkContext,
  key: DemoKey,
  role: 'clerk' | 'approver' | 'admin',
): Promise<NodeClient> {
  const enterprise = demoEnterprise(key);
  const url = nodeUrl(findMember(ctx.topology, enterprise.org));
  const username = role === 'admin' ? 'admin' : `${enterprise.login}.${role}`;
  return new NodeClient(url).login(username, DEMO_PASSWORD);
}
