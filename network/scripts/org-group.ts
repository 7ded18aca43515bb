import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { memberOrg } from './channel-config.ts';
import type { ConfigGroup } from './config-tree.ts';
import { run } from './exec.ts';
import { fabricBin, type FabricTools } from './fabric-tools.ts';
import { writeMspFolder } from './msp-folder.ts';
import type { Endpoint, MemberDefinition } from './org-definition.ts';

/** The channel config value naming an org's anchor peers, as a new value (version 0). */
export function anchorPeersValue(peers: Endpoint[]): ConfigGroup['values'][string] {
  return {
    mod_policy: 'Admins',
    value: { anchor_peers: peers.map((peer) => ({ host: peer.host, port: peer.port })) },
    version: '0',
  };
}

/**
 * A member org's group in the channel config, from its public definition only: configtxgen
 * `-printOrg` over the same configtx.yaml entry the genesis block is made from (MSP folder with
 * NodeOUs, policies), plus its anchor peers, which `-printOrg` leaves out.
 */
export async function memberOrgGroup(
  tools: FabricTools,
  definition: MemberDefinition,
  dir: string,
): Promise<ConfigGroup> {
  const mspDir = writeMspFolder(definition, join(dir, 'msp'));
  writeFileSync(join(dir, 'configtx.yaml'), stringify({ Organizations: [memberOrg(definition, mspDir)] }));
  const output = await run(fabricBin(tools, 'configtxgen'), [
    '-configPath',
    dir,
    '-printOrg',
    definition.mspId,
  ]);
  const group = JSON.parse(output) as ConfigGroup;
  group.values.AnchorPeers = anchorPeersValue(definition.anchorPeers);
  return group;
}
