import { ContractError, parseQuoteBanks } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { NodeErrorCodes, userError } from '../errors.ts';
import { QuoteRequestNode } from '../quote-request.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('QuoteRequest', 'quoteRequest', QuoteRequestNode);

const load = (ctx: Context, id: string) => ctx.db.quoteRequest.findUnique({ where: { id } });

/** The banks as the ledger takes them (2 to 8, distinct), checked by its own rule before anything is sent. */
function checkedBanks(bankIds: readonly string[]): string[] {
  try {
    return parseQuoteBanks([...bankIds]);
  } catch (error) {
    if (error instanceof ContractError) throw userError(error.code, error.detail);
    throw error;
  }
}

/**
 * The orgs that must endorse a write of the request (accepting one of its offers, withdrawing or
 * expiring it): the request's key is bound to the applicant's and every bank's org, the voucher's to
 * its holder's and its debtor's, each financing's to the applicant's and its bank's. Named explicitly,
 * from this node's read model, so that the gateway asks a peer of each.
 */
export async function quoteRequestEndorsers(
  ctx: Context,
  requestId: string,
): Promise<{ endorsingOrganizations: string[] }> {
  const request = await load(ctx, requestId);
  if (!request)
    throw userError(NodeErrorCodes.NotFound, `request for quotes ${requestId} is not known to this node`);
  const parties = [request.applicantId, request.debtorId, ...request.bankIds];
  const enterprises = await ctx.db.enterprise.findMany({ where: { id: { in: parties } } });
  return { endorsingOrganizations: [...new Set(enterprises.map((enterprise) => enterprise.hostMsp))].sort() };
}

/** The endorsers of accepting a financing: its request's, for an offer of a request; the gateway's choice otherwise. */
export async function acceptEndorsers(
  ctx: Context,
  financingId: string,
): Promise<{ endorsingOrganizations?: string[] }> {
  const financing = await ctx.db.financing.findUnique({ where: { id: financingId } });
  return financing?.quoteRequestId ? quoteRequestEndorsers(ctx, financing.quoteRequestId) : {};
}

builder.mutationFields((t) => ({
  requestQuotes: t.field({
    type: Payload,
    description:
      'The holder of a voucher asks 2 to 8 banks at once for offers until `validUntil` (from today, ' +
      'before maturity): one financing per bank, each bank offering privately; the voucher is locked ' +
      'until one offer is accepted (the others lapse) or the request is withdrawn or expires.',
    authScopes: { kinds: ['SUPPLIER'] },
    ledgerWrite: true,
    args: {
      voucherId: t.arg.id({ required: true }),
      bankIds: t.arg.idList({ required: true }),
      validUntil: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const bankIdsJson = checkedBanks(args.bankIds.map(String));
      const done = await submitAs(ctx, (ledger) =>
        ledger.quotes.RequestQuotes({ voucherId: args.voucherId, bankIdsJson, validUntil: args.validUntil }),
      );
      return withNode(done, () => load(ctx, done.value.id));
    },
  }),
  withdrawQuoteRequest: t.field({
    type: Payload,
    description:
      'The applicant withdraws an open request: its open financings are WITHDRAWN, the voucher free.',
    authScopes: { kinds: ['SUPPLIER'] },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const options = await quoteRequestEndorsers(ctx, id);
      const done = await submitAs(ctx, (ledger) =>
        ledger.quotes.WithdrawQuoteRequest({ requestId: id }, options),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
  expireQuoteRequest: t.field({
    type: Payload,
    description:
      'Closes an open request past its deadline as EXPIRED (anyone may; the ledger checks the date): ' +
      'its open financings LAPSED, the voucher free.',
    authScopes: { loggedIn: true },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const options = await quoteRequestEndorsers(ctx, id);
      const done = await submitAs(ctx, (ledger) =>
        ledger.quotes.ExpireQuoteRequest({ requestId: id }, options),
      );
      return withNode(done, () => load(ctx, id));
    },
  }),
}));
