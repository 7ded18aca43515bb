import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from './config.ts';
import type { NetworkContext } from './context.ts';
import { writeLocalShare } from './local-nodes.ts';
import { ORDERER_ADMIN } from './orderer.ts';
import { StatePaths } from './paths.ts';

/**
 * Makes the state folder of an ordering-org host that runs one more orderer: the plan, its share
 * (that orderer only), the orderer's own identity and the org admin's (which joins it to the channel
 * and watches it), the org's CA certificate, the consortium's definitions and, once there is one, the
 * genesis block. Run by the ordering org's admin on its CA host; the folder then moves to the
 * orderer's host (the same org's secrets, mode 700) and `up` there starts and joins the orderer. No
 * CA key and no other org's file beyond the public definitions goes with it.
 */
export function handOver(ctx: NetworkContext, ordererName: string, dir: string): string[] {
  const { ordererOrg } = ctx.topology;
  if (!ctx.local.ordererOrg) {
    throw new ConfigError(
      `handover runs where the CA of ${ordererOrg.name} runs; this folder does not hold it`,
    );
  }
  const node = ordererOrg.orderers.find((candidate) => candidate.name === ordererName);
  if (!node) {
    const known = ordererOrg.orderers.map((candidate) => candidate.name).join(', ');
    throw new ConfigError(`unknown orderer "${ordererName}" (orderers: ${known})`);
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new ConfigError(`${dir} is not empty: handover writes a new state folder`);
  }
  const target = new StatePaths(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  copyFileSync(ctx.paths.plan, target.plan);
  writeLocalShare(target, { orgs: [], orderers: [node.name] });
  const copied = [target.plan, target.localShare];
  for (const identity of [node.name, ORDERER_ADMIN]) {
    const from = ctx.paths.identity(ordererOrg.name, identity);
    if (!existsSync(from)) throw new ConfigError(`${from} is missing: run up here first`);
    cpSync(from, target.identity(ordererOrg.name, identity), { recursive: true });
    copied.push(target.identity(ordererOrg.name, identity));
  }
  mkdirSync(dirname(target.caCert(ordererOrg.name)), { recursive: true });
  copyFileSync(ctx.paths.caCert(ordererOrg.name), target.caCert(ordererOrg.name));
  copied.push(target.caCert(ordererOrg.name));
  if (existsSync(ctx.paths.consortium)) {
    cpSync(join(ctx.paths.consortium, 'definitions'), join(target.consortium, 'definitions'), {
      recursive: true,
    });
    copied.push(join(target.consortium, 'definitions'));
  }
  if (existsSync(ctx.paths.genesisBlock)) {
    mkdirSync(target.channel, { recursive: true });
    copyFileSync(ctx.paths.genesisBlock, target.genesisBlock);
    copied.push(target.genesisBlock);
  }
  return copied;
}
