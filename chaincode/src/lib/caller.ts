import type { Context } from 'fabric-contract-api';
import type { Caller } from '@scf/ledger-contract';

/** Certificate attributes every user carries (issued by the org's Fabric CA). */
export const Attributes = {
  enterpriseId: 'scf.enterpriseId',
  role: 'scf.role',
} as const;

/** Who is submitting this transaction, read from the creator's certificate. */
export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  return {
    mspId: identity.getMSPID(),
    id: identity.getID(),
    enterpriseId: identity.getAttributeValue(Attributes.enterpriseId),
    role: identity.getAttributeValue(Attributes.role),
  };
}
