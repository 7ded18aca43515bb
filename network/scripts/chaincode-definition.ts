import { msp, peer } from '@hyperledger/fabric-protos';

/** `required` endorsements, each by a peer of a different one of `orgs` (MSP ids, in policy order). */
export interface EndorsementPolicy {
  required: number;
  orgs: string[];
}

/** A chaincode definition as the lifecycle stores it, in the parts this network sets. */
export interface ChaincodeDefinition {
  /** The package label of the build (`scf_0123abcd…`), used as the definition's version. */
  version: string;
  sequence: number;
  policy: EndorsementPolicy;
}

/** A validation parameter this network does not write: not `OutOf(n, 'A.peer', …)`. */
export class UnsupportedEndorsementPolicyError extends Error {
  constructor(reason: string) {
    super(`the chaincode's endorsement policy is not OutOf(n, '<MSP>.peer', …): ${reason}`);
    this.name = UnsupportedEndorsementPolicyError.name;
  }
}

/** The peer CLI's `--signature-policy` for a policy: `OutOf(2, 'BankAMSP.peer', 'CoreFirmMSP.peer')`. */
export function policyExpression(policy: EndorsementPolicy): string {
  return `OutOf(${String(policy.required)}, ${policy.orgs.map((mspId) => `'${mspId}.peer'`).join(', ')})`;
}

/**
 * The policy for the channel's member orgs as they are now: `endorsingOrgs` of all member orgs'
 * peers (all of them if the channel has fewer), sorted by MSP id so that every org derives the
 * same definition from the same config.
 */
export function memberPolicy(mspIds: string[], endorsingOrgs: number): EndorsementPolicy {
  const orgs = [...new Set(mspIds)].sort();
  return { required: Math.min(endorsingOrgs, orgs.length), orgs };
}

/** Whether two policies accept the same endorsements (the orgs' order does not matter). */
export function samePolicy(a: EndorsementPolicy, b: EndorsementPolicy): boolean {
  const sorted = (policy: EndorsementPolicy): string => [...policy.orgs].sort().join(',');
  return a.required === b.required && sorted(a) === sorted(b);
}

export function sameDefinition(a: ChaincodeDefinition, b: ChaincodeDefinition): boolean {
  return a.version === b.version && a.sequence === b.sequence && samePolicy(a.policy, b.policy);
}

/**
 * Reads a definition's validation parameter (base64 `protos.ApplicationPolicy`, as `querycommitted`
 * and `queryapproved` print it) back into the policy, keeping the order of its identities: approving
 * the same definition again needs the same bytes, and the CLI compiles the expression in its order.
 */
export function decodePolicy(validationParameter: string): EndorsementPolicy {
  const envelope = peer.ApplicationPolicy.deserializeBinary(
    Buffer.from(validationParameter, 'base64'),
  ).getSignaturePolicy();
  if (!envelope) throw new UnsupportedEndorsementPolicyError('it is not a signature policy');
  const identities = envelope.getIdentitiesList().map((principal, index) => {
    if (principal.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) {
      throw new UnsupportedEndorsementPolicyError(`identity ${String(index)} is not an MSP role`);
    }
    const role = msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
    if (role.getRole() !== msp.MSPRole.MSPRoleType.PEER) {
      throw new UnsupportedEndorsementPolicyError(`identity ${String(index)} is not a peer role`);
    }
    return role.getMspIdentifier();
  });
  const outOf = envelope.getRule()?.getNOutOf();
  if (!outOf) throw new UnsupportedEndorsementPolicyError('its rule is not an n-out-of rule');
  const orgs = outOf.getRulesList().map((rule) => {
    const mspId = rule.hasSignedBy() ? identities[rule.getSignedBy()] : undefined;
    if (mspId === undefined) throw new UnsupportedEndorsementPolicyError('a rule is not one signature');
    return mspId;
  });
  return { required: outOf.getN(), orgs };
}

/** "2 of BankAMSP, CoreFirmMSP, …" */
export function describePolicy(policy: EndorsementPolicy): string {
  return `${String(policy.required)} of ${policy.orgs.join(', ')}`;
}
