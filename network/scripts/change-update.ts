import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyChange } from './apply-change.ts';
import type { ChannelChange } from './channel-change.ts';
import { buildConfigUpdate } from './config-envelope.ts';
import type { ChannelConfig, ConfigUpdate } from './config-tree.ts';
import type { Translator } from './configtxlator.ts';
import type { FabricTools } from './fabric-tools.ts';
import { memberOrgGroup } from './org-group.ts';

/**
 * The config update a change makes to a channel config, and its unsigned envelope: the change applied
 * to the decoded config, then `configtxlator compute_update`. Proposing and checking a proposal
 * before signing it both come here, so a signer recomputes exactly what the proposer computed.
 */
export async function changeUpdate(
  tools: FabricTools,
  translator: Translator,
  dir: string,
  channel: string,
  config: ChannelConfig,
  change: ChannelChange,
): Promise<{ update: ConfigUpdate; envelope: Buffer }> {
  const updated = await applyChange(config, change, (definition) => {
    const orgDir = join(dir, `org-${definition.mspId}`);
    mkdirSync(orgDir, { recursive: true });
    return memberOrgGroup(tools, definition, orgDir);
  });
  return buildConfigUpdate(translator, channel, config, updated);
}
