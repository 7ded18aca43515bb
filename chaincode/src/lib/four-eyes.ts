import type { Context } from 'fabric-contract-api';
import { type Approval, type ApprovalAction, ContractError, ErrorCodes } from '@scf/ledger-contract';
import type { Actor } from './access';

/** The approval whose action the transaction is running, by the transaction's context. */
const running = new WeakMap<Context, Approval>();

/**
 * Four eyes: on an enterprise that turned them on, a money-moving transaction runs only as the
 * action of an approval being approved (approval:Approve), never called directly. Every
 * money-moving transaction calls this once it knows its actor.
 */
export function requireFourEyes(ctx: Context, actor: Actor, action: ApprovalAction): void {
  if (!actor.enterprise.fourEyes) return;
  const approval = running.get(ctx);
  if (approval?.action === action && approval.enterpriseId === actor.enterprise.id) return;
  throw new ContractError(
    ErrorCodes.FourEyesRequired,
    `${actor.enterprise.id} has four eyes on: ${action} is prepared (approval:Prepare) by one identity ` +
      'and runs when another approves it (approval:Approve)',
  );
}

/** Runs an approval's action with the approval in progress on the context. */
export async function runApproved<T>(ctx: Context, approval: Approval, action: () => Promise<T>): Promise<T> {
  running.set(ctx, approval);
  try {
    return await action();
  } finally {
    running.delete(ctx);
  }
}

/** Who signs, as four eyes compare it: the certificate's MSP and identity. */
export interface Signer {
  mspId: string;
  id: string;
}

export function signerOf(ctx: Context): Signer {
  return { mspId: ctx.clientIdentity.getMSPID(), id: ctx.clientIdentity.getID() };
}
