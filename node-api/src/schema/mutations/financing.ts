import {
  checkExposureCap,
  ContractError,
  INT_RANGES,
  type OfferTermsInput,
  type RegistrationInput,
} from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import { NodeErrorCodes, userError } from '../errors.ts';
import { FinancingNode } from '../financing.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { acceptEndorsers } from './quote-request.ts';
import { signedIn, submitAs, withNode } from './submit.ts';
import { offerSalt, type LedgerClient } from '../../ledger/scf-ledger.ts';
import { registerReceivable } from '../../registry/register-receivable.ts';
import { RegistryConflictError, RegistryUnavailableError } from '../../registry/registry-errors.ts';
import type { Context } from '../context.ts';

const Payload = nodePayload('Financing', 'financing', FinancingNode);
const BANK_APPROVER = { roles: ['approver', 'admin'], kinds: ['BANK'] } as const;
/** A voucher's holder is a supplier; a warehouse receipt's owner may be a core enterprise too. */
const APPLICANT_APPROVER = { roles: ['approver', 'admin'], kinds: ['SUPPLIER', 'CORE'] } as const;

export const OfferInput = builder.inputType('OfferInput', {
  description: 'What the bank chooses; the ledger derives rate, discount interest and net proceeds.',
  fields: (t) => ({
    advanceRateBps: t.int({ required: true, validate: INT_RANGES.advanceRateBps }),
    spreadBps: t.int({ required: true, validate: INT_RANGES.spreadBps }),
    fees: t.field({ type: 'Fen', required: true }),
    validUntil: t.field({ type: 'Date', required: true }),
    recourse: t.boolean({
      required: true,
      description:
        'With recourse (true): an overdue voucher may be put back to the applicant, who buys it back; ' +
        'without (false): the bank bears the debtor’s default (民法典 Art. 766).',
    }),
  }),
});

const load = (ctx: Context, id: string) => ctx.db.financing.findUnique({ where: { id } });

/** An offer's terms as the ledger takes them, with a fresh secret salt chosen by this node. */
export function offerTerms(terms: typeof OfferInput.$inferInput): OfferTermsInput {
  return { ...terms, fees: terms.fees.toString(), salt: offerSalt() };
}

/**
 * The applicant's org must endorse the offer (and a recourse demand) too: it is the only other holder
 * of the private terms.
 */
export async function applicantMsp(ctx: Context, financingId: string): Promise<string> {
  const financing = await ctx.db.financing.findUnique({ where: { id: financingId } });
  if (!financing)
    throw userError(NodeErrorCodes.NotFound, `financing ${financingId} is not known to this node`);
  const applicant = await ctx.db.enterprise.findUnique({ where: { id: financing.applicantId } });
  if (!applicant) throw userError(NodeErrorCodes.NotFound, `applicant ${financing.applicantId} is not known`);
  return applicant.hostMsp;
}

/**
 * How an offer's terms travel (also inside approval:Prepare and approval:Approve): as transient data,
 * endorsed only by the bank's and the applicant's orgs (the two holders of the private terms), so
 * that no other org's peer ever sees them.
 */
export async function offerOptions(
  ctx: Context,
  financingId: string,
  terms: OfferTermsInput,
): Promise<{ transient: { terms: OfferTermsInput }; endorsingOrganizations: string[] }> {
  const orgs = new Set([ctx.services.config.SCF_MSP_ID, await applicantMsp(ctx, financingId)]);
  return { transient: { terms }, endorsingOrganizations: [...orgs] };
}

/**
 * Refuses (EXPOSURE_CAP_EXCEEDED) a disbursement the charter's consortium-wide cap on the debtor has
 * no room for, as the ledger would, but before the registry is asked: otherwise a refused payout would
 * leave a registration behind. The ledger's own check at commit stays the one that counts.
 */
async function refuseBeyondCap(ledger: LedgerClient, debtorId: string, amount: bigint): Promise<void> {
  const exposure = await ledger.exposure.Get({ debtorId });
  if (exposure.exposureCap === undefined) return;
  try {
    checkExposureCap(debtorId, BigInt(exposure.exposureCap), BigInt(exposure.financedOutstanding), amount);
  } catch (error) {
    if (error instanceof ContractError) throw userError(error.code, error.message);
    throw error;
  }
}

/**
 * The bank's registration of the financing's receivable at the registry, made just before the ledger
 * write: only for an ACCEPTED financing of the caller's own bank, so that nothing is registered for a
 * disbursement the ledger would refuse anyway (nor for one of a four-eyes bank unless `approving`: it
 * registers when approved). Registry failures become typed user errors; since they happen before the
 * transaction is endorsed, nothing reaches the ledger.
 */
export async function registeredForDisbursement(
  ctx: Context,
  ledger: LedgerClient,
  id: string,
  bankId: string,
  approving = false,
): Promise<RegistrationInput> {
  const financing = await load(ctx, id);
  if (!financing) throw userError(NodeErrorCodes.NotFound, `financing ${id} is not known to this node`);
  if (financing.bankId !== bankId) {
    throw userError(
      NodeErrorCodes.Forbidden,
      `only its bank ${financing.bankId} may disburse financing ${id}`,
    );
  }
  if (financing.status !== 'ACCEPTED') {
    throw userError(
      NodeErrorCodes.InvalidState,
      `financing ${id} is ${financing.status}; it must be ACCEPTED`,
    );
  }
  const bank = await ctx.db.enterprise.findUnique({ where: { id: bankId } });
  if (bank?.fourEyes === true && !approving) {
    throw userError(
      NodeErrorCodes.FourEyesRequired,
      `${bankId} has four eyes on: a disbursement is prepared (prepareAction) and registered when another approves it`,
    );
  }
  // A pledged warehouse receipt draws on no core enterprise's consortium-wide cap.
  if (financing.voucherId !== null) await refuseBeyondCap(ledger, financing.debtorId, financing.amount);
  const receivable = {
    voucherId: financing.voucherId ?? financing.receiptId ?? '',
    debtorId: financing.debtorId,
    amount: financing.amount.toString(),
  };
  try {
    return await registerReceivable(ctx.services.registry, receivable, {
      id: bankId,
      name: bank?.name ?? bankId,
    });
  } catch (error) {
    if (error instanceof RegistryConflictError) {
      throw userError(error.code, error.message, { registration: error.existing });
    }
    if (error instanceof RegistryUnavailableError) throw userError(error.code, error.message);
    throw error;
  }
}

builder.mutationFields((t) => ({
  applyFinancing: t.field({
    type: Payload,
    description: 'The holder of a voucher applies for financing at a bank of its choice.',
    authScopes: { kinds: ['SUPPLIER'] },
    ledgerWrite: true,
    args: {
      voucherId: t.arg.id({ required: true }),
      bankId: t.arg.string({ required: true, validate: TEXT.id }),
    },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.financing.Apply({ voucherId: args.voucherId, bankId: args.bankId }),
      );
      return withNode(done, () => load(ctx, done.value.id));
    },
  }),
  offerFinancing: t.field({
    type: Payload,
    description: 'The bank prices an application; the terms stay private to the bank and the applicant.',
    authScopes: { $all: { roles: [...BANK_APPROVER.roles], kinds: [...BANK_APPROVER.kinds] } },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }), terms: t.arg({ type: OfferInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const options = await offerOptions(ctx, id, offerTerms(args.terms));
      const done = await submitAs(ctx, (ledger) => ledger.financing.Offer({ financingId: id }, options));
      return withNode(done, () => load(ctx, id));
    },
  }),
  acceptOffer: t.field({
    type: Payload,
    description:
      'The applicant accepts the offer; the credit line is drawn. For an offer of a request for quotes, ' +
      'every other open offer of the request lapses.',
    authScopes: { $all: { roles: [...APPLICANT_APPROVER.roles], kinds: [...APPLICANT_APPROVER.kinds] } },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const options = await acceptEndorsers(ctx, id);
      const done = await submitAs(ctx, (ledger) => ledger.financing.Accept({ financingId: id }, options));
      return withNode(done, () => load(ctx, id));
    },
  }),
  disburseFinancing: t.field({
    type: Payload,
    description:
      'The bank registers the receivable at the movable-property financing registry (search, then ' +
      'register), then pays out the net proceeds with its payment reference; the ledger records the ' +
      'registration and the notice of assignment to the debtor. REGISTRY_CONFLICT when another party ' +
      'registered the receivable first, REGISTRY_UNAVAILABLE when the registry does not answer: then ' +
      'nothing is written.',
    authScopes: { $all: { roles: [...BANK_APPROVER.roles], kinds: [...BANK_APPROVER.kinds] } },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      paymentReference: t.arg.string({ required: true, validate: TEXT.paymentReference }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const bankId = signedIn(ctx).enterpriseId;
      // Inside the write: a retry that replays an earlier committed disbursement registers nothing.
      const done = await submitAs(ctx, async (ledger) => {
        const registration = await registeredForDisbursement(ctx, ledger, id, bankId);
        return ledger.financing.Disburse({
          financingId: id,
          paymentReference: args.paymentReference,
          registrationJson: registration,
        });
      });
      return withNode(done, () => load(ctx, id));
    },
  }),
  rejectFinancing: t.field({
    type: Payload,
    description: 'The bank declines an application, or the applicant declines an offer, with a reason.',
    authScopes: { kinds: ['BANK', 'SUPPLIER', 'CORE'] },
    ledgerWrite: true,
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) =>
        ledger.financing.Reject({ financingId: id, reason: args.reason }),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  withdrawFinancing: t.field({
    type: Payload,
    description: 'The applicant withdraws its application before it is accepted.',
    authScopes: { kinds: ['SUPPLIER', 'CORE'] },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(await submitAs(ctx, (ledger) => ledger.financing.Withdraw({ financingId: id })), () =>
        load(ctx, id),
      );
    },
  }),
  expireOffer: t.field({
    type: Payload,
    description: 'Marks an offer past its validity as EXPIRED (anyone may; the ledger checks the date).',
    authScopes: { loggedIn: true },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      return withNode(await submitAs(ctx, (ledger) => ledger.financing.Expire({ financingId: id })), () =>
        load(ctx, id),
      );
    },
  }),
}));
