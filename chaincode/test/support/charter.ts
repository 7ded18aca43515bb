import { CharterContract } from '../../src/contracts/charter-contract';
import type { Charter, CharterProposal, CharterTerms, EnterpriseKind } from '@scf/ledger-contract';
import { orgAdmin } from './callers';
import { sha256 } from './digests';
import { MSP } from './enterprises';
import { key } from './ledger-state';
import type { MemoryLedger, TestCaller } from './memory-stub';
import { parse } from './parse';
import { type DecodedPolicy, decodePolicy } from './policies';

export const charters = new CharterContract();

/** The charter's key, spelled out as Fabric lays out composite keys. */
const CHARTER_KEY = key('charter', 'consortium');

/**
 * The consortium's default charter terms (the network reads its own from its config): five member
 * orgs, each hosting one kind of enterprise, and both banks attesting rates, both needed.
 */
export const CHARTER_TERMS: CharterTerms = {
  members: [
    { mspId: MSP.bankA, kinds: ['BANK'] },
    { mspId: MSP.bankB, kinds: ['BANK'] },
    { mspId: MSP.core, kinds: ['CORE'] },
    { mspId: MSP.logistics, kinds: ['LOGISTICS'] },
    { mspId: MSP.supplier, kinds: ['SUPPLIER'] },
  ],
  ratePublishers: [MSP.bankA, MSP.bankB],
  rateQuorum: 2,
};

/** The charter terms with one member's kinds replaced (or the member added). */
export function withMemberKinds(mspId: string, kinds: EnterpriseKind[], terms = CHARTER_TERMS): CharterTerms {
  const others = terms.members.filter((member) => member.mspId !== mspId);
  const members = [...others, { mspId, kinds: [...kinds].sort() }].sort((a, b) =>
    a.mspId < b.mspId ? -1 : 1,
  );
  return { ...terms, members };
}

/** Establishes the consortium charter, by the core firm's org admin unless told otherwise. */
export async function establishCharter(
  ledger: MemoryLedger,
  terms: CharterTerms = CHARTER_TERMS,
  caller: TestCaller = orgAdmin(MSP.core),
): Promise<Charter> {
  return parse<Charter>(await ledger.submit(caller, (ctx) => charters.Establish(ctx, JSON.stringify(terms))));
}

export async function propose(
  ledger: MemoryLedger,
  terms: CharterTerms | string,
  caller: TestCaller = orgAdmin(MSP.core),
): Promise<CharterProposal> {
  const json = typeof terms === 'string' ? terms : JSON.stringify(terms);
  return parse<CharterProposal>(await ledger.submit(caller, (ctx) => charters.Propose(ctx, json)));
}

export async function approve(
  ledger: MemoryLedger,
  id: string,
  caller: TestCaller,
): Promise<CharterProposal> {
  return parse<CharterProposal>(await ledger.submit(caller, (ctx) => charters.Approve(ctx, id)));
}

/**
 * Amends the charter in force to `terms`: the first member's org admin proposes, the next members'
 * org admins approve until a majority adopted it. Returns the new charter.
 */
export async function amendCharter(ledger: MemoryLedger, terms: CharterTerms): Promise<Charter> {
  const charterNow = async (): Promise<Charter> =>
    parse<Charter>(await ledger.evaluate(orgAdmin(MSP.core), (ctx) => charters.Get(ctx)));
  const [proposer, ...others] = (await charterNow()).members.map((member) => member.mspId);
  if (proposer === undefined) throw new Error('the charter has no members');
  let proposal = await propose(ledger, terms, orgAdmin(proposer));
  for (const mspId of others) {
    if (proposal.status !== 'OPEN') break;
    proposal = await approve(ledger, proposal.id, orgAdmin(mspId));
  }
  return charterNow();
}

/** The charter key's policy, decoded. */
export function charterPolicy(ledger: MemoryLedger): DecodedPolicy | undefined {
  const bytes = ledger.validationParameters.get(CHARTER_KEY);
  return bytes ? decodePolicy(bytes) : undefined;
}

/** A proposal's id, computed here from sorted-key JSON rather than by the code under test. */
export function proposalIdOf(baseVersion: number, terms: CharterTerms): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
      return Object.fromEntries(entries.map(([name, item]) => [name, sorted(item)]));
    }
    return value;
  };
  return sha256(JSON.stringify(sorted({ baseVersion, terms })));
}
