import { expect } from 'vitest';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { common, msp } from '@hyperledger/fabric-protos';
import { key } from './ledger-state';
import type { MemoryLedger } from './memory-stub';

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

/**
 * The orgs whose peers must endorse a write to the record's key, checked to be exactly what
 * bindToOrgs writes; [] when the key has no policy of its own (the chaincode policy applies).
 */
export function endorsersOf(ledger: MemoryLedger, type: string, id: string): string[] {
  const parameter = ledger.validationParameters.get(key(type, id));
  if (!parameter) return [];
  const orgs = new KeyEndorsementPolicy(parameter).listOrgs().sort();
  const expected = new KeyEndorsementPolicy();
  expected.addOrgs('PEER', ...orgs);
  expect(Buffer.from(parameter).equals(Buffer.from(expected.getPolicy()))).toBe(true);
  return orgs;
}
