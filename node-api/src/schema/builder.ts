import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ZodPlugin from '@pothos/plugin-zod';
import { ContractError, dateProblem, MAX_FEN, parseFen as parseLedgerFen } from '@scf/ledger-contract';
import type { EnterpriseKind, Role } from '../auth/session-user.ts';
import type { Context } from './context.ts';
import DocumentOwnerPlugin from './document-owner-plugin.ts';
import { NodeErrorCodes, userError } from './errors.ts';
import LedgerWritePlugin from './ledger-write-plugin.ts';
import TextInputPlugin from './text-input-plugin.ts';

/**
 * The one Pothos builder. Scopes: `loggedIn`; `roles` (any of); `kinds` (the user's enterprise kind,
 * any of). Money is `Fen` (integer fen as a decimal string, never a float), days are `Date`. Every
 * String and ID input gets the text rule (text-input-plugin.ts: NFC, no control characters, bounded),
 * and every document hash argument must name a document of the caller's enterprise
 * (document-owner-plugin.ts). A mutation declared `ledgerWrite` takes an idempotency key
 * (ledger-write-plugin.ts). Resolvers wrap in list order, first outermost: scope auth, then zod
 * validation, then the document check, then the write's request.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { loggedIn: boolean; roles: readonly Role[]; kinds: readonly EnterpriseKind[] };
  Scalars: {
    Fen: { Input: bigint; Output: bigint };
    Date: { Input: string; Output: Date | string };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, ZodPlugin, TextInputPlugin, DocumentOwnerPlugin, LedgerWritePlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      loggedIn: ctx.user !== null,
      roles: (roles) => ctx.user !== null && roles.includes(ctx.user.role),
      kinds: (kinds) => ctx.user !== null && kinds.includes(ctx.user.enterpriseKind),
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.user
        ? userError(NodeErrorCodes.Forbidden, 'your role or enterprise may not do this')
        : userError(NodeErrorCodes.Unauthenticated, 'log in first'),
  },
  relay: { clientMutationId: 'omit', cursorType: 'String' },
  zod: {
    validationError: (error) =>
      userError(
        NodeErrorCodes.InvalidArgument,
        error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      ),
  },
});

/** Money as the ledger takes it: whole fen as digits, at most MAX_FEN (zero too: filters take it). */
function parseFen(value: unknown): bigint {
  try {
    return parseLedgerFen(value, 'money', { allowZero: true });
  } catch (error) {
    if (error instanceof ContractError) throw userError(NodeErrorCodes.InvalidArgument, error.detail);
    throw error;
  }
}

/** A business date as the ledger takes it: a real YYYY-MM-DD day of the years it allows. */
function parseDay(value: unknown): string {
  const problem = dateProblem(value);
  if (problem !== undefined) throw userError(NodeErrorCodes.InvalidArgument, `a date ${problem}`);
  return value as string;
}

builder.scalarType('Fen', {
  description: `Money in fen (1/100 yuan): a non-negative integer written as a decimal string, at most ${MAX_FEN.toString()}.`,
  serialize: (value) => value.toString(),
  parseValue: parseFen,
});

builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD (China Standard Time business day).',
  serialize: (value) => (typeof value === 'string' ? value : value.toISOString().slice(0, 10)),
  parseValue: parseDay,
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 in UTC.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime()))
      throw userError(NodeErrorCodes.InvalidArgument, 'not an ISO 8601 instant');
    return date;
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
