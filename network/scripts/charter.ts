import { isDeepStrictEqual } from 'node:util';
import { isFounding, type ConsortiumConfig, type EnterpriseKind } from './config.ts';
import type { NetworkContext } from './context.ts';
import { evaluateAs, LedgerRefusedError, submitAs } from './ledger-call.ts';
import { foundingMembers, type MemberPlan } from './topology.ts';

/** The charter's terms as the chaincode takes them (`charter:Establish`, `charter:Propose`). */
export interface CharterTerms {
  members: { mspId: string; kinds: EnterpriseKind[] }[];
  ratePublishers: string[];
  rateQuorum: number;
  /** Consortium-wide caps on what banks together finance per core enterprise (id → fen), when set. */
  exposureCaps?: Record<string, string>;
}

/**
 * The founding charter written from network/config: every founding member's kinds, the rate
 * publishers, the quorum. A joining org enters the charter by amendment.
 */
export function charterTerms(config: ConsortiumConfig): CharterTerms {
  const byMsp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    members: config.members
      .filter(isFounding)
      .map((org) => ({ mspId: org.mspId, kinds: [...org.kinds].sort(byMsp) }))
      .sort((a, b) => byMsp(a.mspId, b.mspId)),
    ratePublishers: [...config.charter.ratePublishers].sort(byMsp),
    rateQuorum: config.charter.rateQuorum,
  };
}

/** The charter on the ledger, or undefined before it was established. */
async function ledgerCharter(
  ctx: NetworkContext,
  reader: MemberPlan,
): Promise<(CharterTerms & { version: number }) | undefined> {
  try {
    return JSON.parse(await evaluateAs(ctx, reader.name, { fn: 'charter:Get', args: [] })) as CharterTerms & {
      version: number;
    };
  } catch (error) {
    if (error instanceof LedgerRefusedError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Writes the consortium charter from network/config when the channel has none yet: right after the
 * chaincode's first deployment, by a founding member's org admin (the first, in the one-box demo),
 * endorsed by as many orgs as the chaincode policy needs, through the admin's own peer's gateway (which
 * waits until that peer has met the other endorsers by gossip). A charter already on the ledger wins
 * over the config file (it changes only by majority-approved amendment); a difference is reported, not
 * overwritten.
 */
export async function establishCharter(
  ctx: NetworkContext,
  by: MemberPlan | undefined = foundingMembers(ctx.topology)[0],
): Promise<boolean> {
  if (!by) throw new Error('no member org');
  const wanted = charterTerms(ctx.topology.config);
  const current = await ledgerCharter(ctx, by);
  if (current) {
    const { members, ratePublishers, rateQuorum } = current;
    if (!isDeepStrictEqual({ members, ratePublishers, rateQuorum }, wanted)) {
      ctx.log(
        `the ledger's charter (version ${current.version}) differs from network/config; the ledger's ` +
          'stays in force (change it with a charter amendment that a majority of member orgs approve)',
      );
    }
    return false;
  }
  const members = foundingMembers(ctx.topology);
  const endorsers = members.slice(0, ctx.topology.config.chaincode.endorsingOrgs).map((org) => org.mspId);
  await submitAs(ctx, by.name, { fn: 'charter:Establish', args: [JSON.stringify(wanted)] }, endorsers);
  ctx.log(`consortium charter established from network/config (${members.length} member orgs)`);
  return true;
}
