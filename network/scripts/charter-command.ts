import {
  approveCharterProposal,
  charterAs,
  proposeCharterChange,
  type CharterProposalRecord,
} from './charter-amendment.ts';
import { charterChangeFrom, describeCharterChange } from './charter-change.ts';
import { establishCharter } from './charter.ts';
import { ConfigError } from './config.ts';
import type { NetworkContext } from './context.ts';
import { findMember } from './topology.ts';

export const CHARTER_USAGE = `  charter ACTION --org ORG: the consortium charter, as ORG's admin:
              show                the charter in force, read on ORG's peer
              establish           write the founding charter from network/config if the ledger
                                  has none (once the chaincode is committed; any founding org)
              propose --add-member MSP --kinds K[,K…] | --remove-member MSP
                                  propose the charter with that change (ORG approves it)
              approve --proposal ID
                                  approve an open amendment; a majority of members adopts it`;

export interface CharterOptions {
  org?: string | undefined;
  proposal?: string | undefined;
  'add-member'?: string | undefined;
  'remove-member'?: string | undefined;
  kinds?: string | undefined;
}

function proposalLines(proposal: CharterProposalRecord): string {
  return [
    `proposal ${proposal.id} (amends version ${String(proposal.baseVersion)}, by ${proposal.proposedBy}): ${proposal.status}`,
    `  approved by ${proposal.approvals.join(', ')}`,
    `  members: ${proposal.terms.members.map((member) => `${member.mspId} (${member.kinds.join(', ')})`).join(', ')}`,
  ].join('\n');
}

/** `npm run network -- charter <action> --org ORG …`: the consortium charter as one org's admin acts on it. */
export async function charterCommand(
  ctx: NetworkContext,
  action: string | undefined,
  options: CharterOptions,
): Promise<number> {
  const { org } = options;
  if (!org)
    throw new ConfigError(`charter ${action ?? '<action>'} needs --org NAME (the org whose admin acts)`);
  switch (action) {
    case 'show': {
      const charter = await charterAs(ctx, org);
      process.stdout.write(`${JSON.stringify(charter, null, 2)}\n`);
      return 0;
    }
    case 'establish': {
      const written = await establishCharter(ctx, findMember(ctx.topology, org));
      process.stdout.write(
        written ? 'the founding charter is on the ledger\n' : 'the ledger already holds a charter\n',
      );
      return 0;
    }
    case 'propose': {
      const change = charterChangeFrom(options);
      process.stdout.write(`${org} proposes to ${describeCharterChange(change)}\n`);
      const proposal = await proposeCharterChange(ctx, org, change);
      process.stdout.write(
        `${proposalLines(proposal)}\neach other member's admin: npm run network -- charter approve --org ORG --proposal ${proposal.id}\n`,
      );
      return 0;
    }
    case 'approve': {
      if (!options.proposal) throw new ConfigError('charter approve needs --proposal ID');
      process.stdout.write(`${proposalLines(await approveCharterProposal(ctx, org, options.proposal))}\n`);
      return 0;
    }
    default:
      throw new ConfigError('charter needs an action: show, propose or approve');
  }
}
