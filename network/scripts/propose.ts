import { channelAdmin } from './channel-admin.ts';
import type { ChannelChange } from './channel-change.ts';
import { policyNeeds, type PolicyNeed } from './channel-policy.ts';
import { changeUpdate } from './change-update.ts';
import { latestConfigBlock } from './config-block.ts';
import { describeDelta } from './config-delta.ts';
import { configtxlator } from './configtxlator.ts';
import type { NetworkContext } from './context.ts';
import { PROPOSAL_FORMAT, type ChannelProposal } from './proposal.ts';
import { withScratchDir } from './scratch-dir.ts';

export interface Proposed {
  proposal: ChannelProposal;
  /** The config elements it changes: `[Value] /Channel/Orderer/BatchTimeout`. */
  changes: string[];
  /** The policies its signatures must meet, as the channel's config stands. */
  needs: PolicyNeed[];
}

/**
 * `propose`: the org's admin reads the channel's newest config block, applies the change to it and
 * computes the config update, unsigned. The proposal goes to the orgs whose admins must sign it.
 */
export async function propose(
  ctx: NetworkContext,
  orgName: string,
  change: ChannelChange,
): Promise<Proposed> {
  const admin = channelAdmin(ctx, orgName);
  return await withScratchDir('propose', async (dir) => {
    const translator = configtxlator(ctx.tools, dir);
    const latest = await latestConfigBlock(admin, translator, dir);
    const { update, envelope } = await changeUpdate(
      ctx.tools,
      translator,
      dir,
      admin.channel,
      latest.config,
      change,
    );
    return {
      proposal: {
        format: PROPOSAL_FORMAT,
        channel: admin.channel,
        change,
        basedOnConfigBlock: latest.number,
        proposedBy: admin.mspId,
        envelope: envelope.toString('base64'),
      },
      changes: describeDelta(latest.config, update),
      needs: policyNeeds(latest.config, update),
    };
  });
}
