import { CharterContract } from '../../src/contracts/charter-contract';
import { EnterpriseContract } from '../../src/contracts/enterprise-contract';
import {
  type Charter,
  type CharterProposal,
  type CharterTerms,
  type EnterpriseKind,
  creditCodeCheckChar,
} from '@scf/ledger-contract';
import { ADMIN_OU_CERT } from './certificates';
import type { MemoryLedger, TestCaller } from './memory-stub';

/** A valid unified social credit code built from its first 17 characters. */
export function creditCode(first17: string): string {
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export const MSP = {
  core: 'CoreFirmMSP',
  supplier: 'SupplierMSP',
  bankA: 'BankAMSP',
  bankB: 'BankBMSP',
  logistics: 'LogisticsMSP',
} as const;

/** The demo consortium's enterprises: one core enterprise, two tiers of suppliers, two banks, a carrier. */
export const ENTERPRISES = {
  core: { id: creditCode('91350200MA0000001'), kind: 'CORE', msp: MSP.core, name: 'Haier-like Appliances' },
  tier1: { id: creditCode('91350200MA0000002'), kind: 'SUPPLIER', msp: MSP.supplier, name: 'Tier-1 Motors' },
  tier2: {
    id: creditCode('91350200MA0000003'),
    kind: 'SUPPLIER',
    msp: MSP.supplier,
    name: 'Tier-2 Castings',
  },
  tier3: { id: creditCode('91350200MA0000004'), kind: 'SUPPLIER', msp: MSP.supplier, name: 'Tier-3 Metals' },
  bankA: { id: creditCode('91350200MA0000005'), kind: 'BANK', msp: MSP.bankA, name: 'Bank A' },
  bankB: { id: creditCode('91350200MA0000006'), kind: 'BANK', msp: MSP.bankB, name: 'Bank B' },
  carrier: { id: creditCode('91350200MA0000007'), kind: 'LOGISTICS', msp: MSP.logistics, name: 'Carrier' },
} as const satisfies Record<string, { id: string; kind: EnterpriseKind; msp: string; name: string }>;

export type EnterpriseName = keyof typeof ENTERPRISES;

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

/** An org admin with the scf.role=admin attribute (registers enterprises); it acts for no enterprise. */
export function orgAdmin(mspId: string): TestCaller {
  return { mspId, attrs: { 'scf.enterpriseId': 'ORG-ADMIN', 'scf.role': 'admin' } };
}

/** The org's own admin identity: a Fabric CA `admin` (certificate OU=admin) with no scf.* attributes. */
export function nodeOuAdmin(mspId: string): TestCaller {
  return { mspId, id: `x509::/OU=admin/CN=${mspId}-admin::/CN=ca`, certificate: ADMIN_OU_CERT };
}

/** Establishes the consortium charter, by the core firm's org admin unless told otherwise. */
export async function establishCharter(
  ledger: MemoryLedger,
  terms: CharterTerms = CHARTER_TERMS,
  caller: TestCaller = orgAdmin(MSP.core),
): Promise<Charter> {
  const text = await ledger.submit(caller, (ctx) =>
    new CharterContract().Establish(ctx, JSON.stringify(terms)),
  );
  return JSON.parse(text) as Charter;
}

/** A user acting for one of the fixture enterprises. */
export function userOf(name: EnterpriseName, role: 'clerk' | 'approver' | 'admin'): TestCaller {
  const enterprise = ENTERPRISES[name];
  return { mspId: enterprise.msp, attrs: { 'scf.enterpriseId': enterprise.id, 'scf.role': role } };
}

/**
 * Amends the charter in force to `terms`: the first member's org admin proposes, the next members'
 * org admins approve until a majority adopted it. Returns the new charter.
 */
export async function amendCharter(ledger: MemoryLedger, terms: CharterTerms): Promise<Charter> {
  const contract = new CharterContract();
  const charterNow = async (): Promise<Charter> =>
    JSON.parse(await ledger.evaluate(orgAdmin(MSP.core), (ctx) => contract.Get(ctx))) as Charter;
  const [proposer, ...others] = (await charterNow()).members.map((member) => member.mspId);
  if (proposer === undefined) throw new Error('the charter has no members');
  const json = JSON.stringify(terms);
  let proposal = JSON.parse(
    await ledger.submit(orgAdmin(proposer), (ctx) => contract.Propose(ctx, json)),
  ) as CharterProposal;
  for (const mspId of others) {
    if (proposal.status !== 'OPEN') break;
    const id = proposal.id;
    proposal = JSON.parse(
      await ledger.submit(orgAdmin(mspId), (ctx) => contract.Approve(ctx, id)),
    ) as CharterProposal;
  }
  return charterNow();
}

/** Establishes the charter (default terms unless given) and registers every fixture enterprise, each by an admin of its own org. */
export async function registerEnterprises(
  ledger: MemoryLedger,
  terms: CharterTerms = CHARTER_TERMS,
): Promise<void> {
  await establishCharter(ledger, terms);
  const contract = new EnterpriseContract();
  for (const enterprise of Object.values(ENTERPRISES)) {
    await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
      contract.Register(ctx, enterprise.id, enterprise.name, enterprise.kind),
    );
  }
}
