import { common, msp, peer } from '@hyperledger/fabric-protos';
import { describe, expect, it } from 'vitest';
import {
  decodePolicy,
  memberPolicy,
  policyExpression,
  samePolicy,
  UnsupportedEndorsementPolicyError,
} from '../scripts/chaincode-definition.ts';
import { wantedDefinition } from '../scripts/chaincode-lifecycle.ts';

const FOUNDERS = ['CoreFirmMSP', 'SupplierMSP', 'BankAMSP', 'BankBMSP', 'LogisticsMSP'];

/** A validation parameter as the peer CLI compiles `OutOf(n, 'A.peer', …)`: base64 ApplicationPolicy. */
function validationParameter(
  required: number,
  orgs: string[],
  role: msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap] = msp.MSPRole.MSPRoleType.PEER,
): string {
  const identities = orgs.map((mspId) => {
    const principal = new msp.MSPRole();
    principal.setMspIdentifier(mspId);
    principal.setRole(role);
    const identity = new msp.MSPPrincipal();
    identity.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    identity.setPrincipal(principal.serializeBinary());
    return identity;
  });
  const outOf = new common.SignaturePolicy.NOutOf();
  outOf.setN(required);
  outOf.setRulesList(
    orgs.map((_, index) => {
      const rule = new common.SignaturePolicy();
      rule.setSignedBy(index);
      return rule;
    }),
  );
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(outOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setIdentitiesList(identities);
  envelope.setRule(rule);
  const policy = new peer.ApplicationPolicy();
  policy.setSignaturePolicy(envelope);
  return Buffer.from(policy.serializeBinary()).toString('base64');
}

describe('chaincode endorsement policy', () => {
  it('derives OutOf(endorsingOrgs, every member peer) from the channel’s member orgs, sorted', () => {
    const policy = memberPolicy([...FOUNDERS, 'BankCMSP'], 2);
    expect(policy).toEqual({
      required: 2,
      orgs: ['BankAMSP', 'BankBMSP', 'BankCMSP', 'CoreFirmMSP', 'LogisticsMSP', 'SupplierMSP'],
    });
    expect(policyExpression(policy)).toBe(
      "OutOf(2, 'BankAMSP.peer', 'BankBMSP.peer', 'BankCMSP.peer', 'CoreFirmMSP.peer', 'LogisticsMSP.peer', 'SupplierMSP.peer')",
    );
    expect(memberPolicy(['BankAMSP'], 2)).toEqual({ required: 1, orgs: ['BankAMSP'] });
  });

  it('reads a committed policy back in its own order, so approving it again compiles the same bytes', () => {
    const decoded = decodePolicy(validationParameter(2, FOUNDERS));
    expect(decoded).toEqual({ required: 2, orgs: FOUNDERS });
    expect(samePolicy(decoded, memberPolicy(FOUNDERS, 2))).toBe(true);
    expect(samePolicy(decoded, memberPolicy([...FOUNDERS, 'BankCMSP'], 2))).toBe(false);
    expect(samePolicy(decoded, memberPolicy(FOUNDERS, 3))).toBe(false);
  });

  it('refuses a policy it did not write (an admin role)', () => {
    expect(() => decodePolicy(validationParameter(1, ['BankAMSP'], msp.MSPRole.MSPRoleType.ADMIN))).toThrow(
      UnsupportedEndorsementPolicyError,
    );
  });
});

describe('the definition an org approves', () => {
  const committed = { version: 'scf_aaa', sequence: 3, policy: { required: 2, orgs: FOUNDERS } };

  it('is the committed one while the build and the member orgs are the same (a joining org approves it too)', () => {
    expect(wantedDefinition(committed, 'scf_aaa', [...FOUNDERS].reverse(), 2)).toBe(committed);
  });

  it('is the next sequence for a new build or a new member org', () => {
    expect(wantedDefinition(committed, 'scf_bbb', FOUNDERS, 2)).toMatchObject({
      version: 'scf_bbb',
      sequence: 4,
    });
    expect(wantedDefinition(committed, 'scf_aaa', [...FOUNDERS, 'BankCMSP'], 2)).toEqual({
      version: 'scf_aaa',
      sequence: 4,
      policy: memberPolicy([...FOUNDERS, 'BankCMSP'], 2),
    });
    expect(wantedDefinition(undefined, 'scf_aaa', FOUNDERS, 2).sequence).toBe(1);
  });
});
