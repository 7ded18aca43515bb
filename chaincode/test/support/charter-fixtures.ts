import { createHash } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { CharterContract } from '../../src/contracts/charter-contract';
import type { CharterProposal, CharterTerms } from '@scf/ledger-contract';
import { orgAdmin } from './fixtures';
import type { MemoryLedger, TestCaller } from './memory-stub';

export const charters = new CharterContract();

/** The charter's key, spelled out as Fabric lays out composite keys. */
export const CHARTER_KEY = '\u0000charter\u0000consortium\u0000';

/** A key-level policy as the chaincode wrote it: how many signatures, of which role, from which orgs. */
export interface DecodedPolicy {
  required: number;
  roles: string[];
  orgs: string[];
  /** The identity index each rule is signed by, in order. */
  signedBy: number[];
}

/** Decodes a SignaturePolicyEnvelope built of one NOutOf over signed-by rules. */
export function decodePolicy(bytes: Uint8Array): DecodedPolicy {
  const envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
  const outOf = envelope.getRule()?.getNOutOf();
  const roleName = (role: number): string =>
    Object.entries(msp.MSPRole.MSPRoleType).find(([, value]) => value === role)?.[0] ?? String(role);
  const roles = envelope
    .getIdentitiesList()
    .map((identity) => msp.MSPRole.deserializeBinary(identity.getPrincipal_asU8()));
  return {
    required: outOf?.getN() ?? -1,
    roles: roles.map((role) => roleName(role.getRole())),
    orgs: roles.map((role) => role.getMspIdentifier()),
    signedBy: (outOf?.getRulesList() ?? []).map((rule) => rule.getSignedBy()),
  };
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
      return Object.fromEntries(entries.map(([key, item]) => [key, sorted(item)]));
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(sorted({ baseVersion, terms })))
    .digest('hex');
}

export async function propose(
  ledger: MemoryLedger,
  terms: CharterTerms | string,
  caller: TestCaller = orgAdmin('CoreFirmMSP'),
): Promise<CharterProposal> {
  const json = typeof terms === 'string' ? terms : JSON.stringify(terms);
  return JSON.parse(await ledger.submit(caller, (ctx) => charters.Propose(ctx, json))) as CharterProposal;
}

export async function approve(
  ledger: MemoryLedger,
  id: string,
  caller: TestCaller,
): Promise<CharterProposal> {
  return JSON.parse(await ledger.submit(caller, (ctx) => charters.Approve(ctx, id))) as CharterProposal;
}
