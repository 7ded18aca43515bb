import type { RegistrationInput } from '@scf/ledger-contract';
import { caIdentityName } from '../../auth/prisma-user-directory.ts';
import type { LedgerClient } from '../../ledger/scf-ledger.ts';
import { APPROVAL_ACTIONS, commonName } from '../approval.ts';
import type { Context } from '../context.ts';
import { NodeErrorCodes, userError } from '../errors.ts';
import { registeredForDisbursement } from './financing.ts';
import { signedIn } from './submit.ts';

const APPROVERS: readonly string[] = ['approver', 'admin'];

/**
 * What an approver gives with approval:Approve: for a prepared disbursement, its registration at the
 * registry, made only now, so that a disbursement rejected or withdrawn leaves nothing registered.
 * Before it registers it refuses what the ledger would refuse anyway (an approval of another
 * enterprise, not pending, prepared by the caller, or approved by a clerk): such an approval must
 * not leave a registration behind either. Other actions take nothing: undefined.
 */
export async function registrationAtApproval(
  ctx: Context,
  ledger: LedgerClient,
  id: string,
): Promise<RegistrationInput | undefined> {
  const approval = await ctx.db.approval.findUnique({ where: { id } });
  if (approval?.action !== APPROVAL_ACTIONS.DISBURSE) return undefined;
  const user = signedIn(ctx);
  if (approval.enterpriseId !== user.enterpriseId) {
    throw userError(NodeErrorCodes.Forbidden, `approval ${id} is not of ${user.enterpriseId}`);
  }
  if (approval.status !== 'PENDING') {
    throw userError(NodeErrorCodes.InvalidState, `approval ${id} is ${approval.status}, not PENDING`);
  }
  if (commonName(approval.preparedBy) === caIdentityName(user.username, user.id)) {
    throw userError(
      NodeErrorCodes.FourEyesSameIdentity,
      `approval ${id} was prepared by this identity; another approver of ${approval.enterpriseId} must approve it`,
    );
  }
  if (!APPROVERS.includes(user.role)) {
    throw userError(
      NodeErrorCodes.Forbidden,
      `role ${user.role} may not approve; it needs approver or admin`,
    );
  }
  const args = approval.args as Record<string, unknown>;
  const financingId = typeof args.financingId === 'string' ? args.financingId : '';
  return registeredForDisbursement(ctx, ledger, financingId, user.enterpriseId, true);
}
