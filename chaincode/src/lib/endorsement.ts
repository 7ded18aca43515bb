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
