import { isDeepStrictEqual } from 'node:util';
import type { ChannelAdmin } from './channel-admin.ts';
import { describeChange } from './channel-change.ts';
import { changeUpdate } from './change-update.ts';
import { fetchConfigBlock } from './config-block.ts';
import type { ConfigUpdate } from './config-tree.ts';
import type { Translator } from './configtxlator.ts';
import type { FabricTools } from './fabric-tools.ts';
import type { ChannelProposal } from './proposal.ts';
import { ProposalError } from './proposal-error.ts';

/**
 * Checks that a proposal's update is exactly its statement: the admin reads the config block the
 * proposal names from its own node, applies the stated change and computes the update itself, which
 * must equal the one in the envelope. So no one signs an update other than the change they read.
 */
export async function assertUpdateIsStatement(
  tools: FabricTools,
  admin: ChannelAdmin,
  translator: Translator,
  dir: string,
  proposal: ChannelProposal,
  update: ConfigUpdate,
  file: string,
): Promise<void> {
  const base = await fetchConfigBlock(admin, translator, dir, admin.ownNodes, proposal.basedOnConfigBlock);
  const expected = await changeUpdate(tools, translator, dir, proposal.channel, base.config, proposal.change);
  if (!isDeepStrictEqual(expected.update, update)) {
    throw new ProposalError(
      file,
      'envelope',
      `does not hold the stated change ("${describeChange(proposal.change)}") to config block ` +
        `${proposal.basedOnConfigBlock}: it updates something else`,
    );
  }
}
