import { common, msp } from '@hyperledger/fabric-protos';
import type { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';

/**
 * Binds a key to the orgs that own the object (state-based endorsement): later writes to it need a
 * peer of every one of them. With a single owning org the chaincode-level policy (two orgs) stays
 * in force, because a key-level policy would let that org change the key alone.
 */
export async function bindToOrgs(ctx: Context, key: string, mspIds: string[]): Promise<void> {
  const orgs = [...new Set(mspIds)].sort();
  if (orgs.length < 2) return;
  const policy = new KeyEndorsementPolicy();
  policy.addOrgs('PEER', ...orgs);
  await ctx.stub.setStateValidationParameter(key, policy.getPolicy());
}

/** More than half of `count`: the endorsements or approvals a majority needs. */
export function majorityOf(count: number): number {
  return Math.floor(count / 2) + 1;
}

/**
 * A signature policy: `required` signatures, each from a peer of a different one of `mspIds`
 * (sorted, so every endorser builds the same bytes). KeyEndorsementPolicy can only say "all of".
 */
export function peersOutOf(required: number, mspIds: string[]): Uint8Array {
  const orgs = [...new Set(mspIds)].sort();
  const principals = orgs.map((mspId) => {
    const role = new msp.MSPRole();
    role.setMspIdentifier(mspId);
    role.setRole(msp.MSPRole.MSPRoleType.PEER);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    principal.setPrincipal(role.serializeBinary());
    return principal;
  });
  const rules = orgs.map((_, index) => {
    const signedBy = new common.SignaturePolicy();
    signedBy.setSignedBy(index);
    return signedBy;
  });
  const outOf = new common.SignaturePolicy.NOutOf();
  outOf.setN(required);
  outOf.setRulesList(rules);
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(outOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setIdentitiesList(principals);
  envelope.setRule(rule);
  return envelope.serializeBinary();
}

/**
 * Binds a key to a majority of the given orgs: a later write needs peers of more than half of them
 * (one org of one, two of three, three of five). Used for what the consortium owns together.
 */
export async function bindToMajority(ctx: Context, key: string, mspIds: string[]): Promise<void> {
  const orgs = [...new Set(mspIds)];
  await ctx.stub.setStateValidationParameter(key, peersOutOf(majorityOf(orgs.length), orgs));
}
