import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ZodPlugin from '@pothos/plugin-zod';
import type { EnterpriseKind, Role } from '../auth/session-user.ts';
import type { Context } from './context.ts';
import DocumentOwnerPlugin from './document-owner-plugin.ts';
import { NodeErrorCodes, userError } from './errors.ts';
import TextInputPlugin from './text-input-plugin.ts';

/**
 * The one Pothos builder. Scopes: `loggedIn`; `roles` (any of); `kinds` (the user's enterprise kind,
 * any of). Money is `Fen` (integer fen as a decimal string, never a float), days are `Date`. Every
 * String and ID input gets the text rule (text-input-plugin.ts: NFC, no control characters, bounded),
 * and every document hash argument must name a document of the caller's enterprise
 * (document-owner-plugin.ts). Resolvers wrap in list order, first outermost: scope auth, then zod
 * validation, then the document check.
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
  plugins: [ScopeAuthPlugin, RelayPlugin, ZodPlugin, TextInputPlugin, DocumentOwnerPlugin],
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

const FEN = /^(0|[1-9]\d{0,17})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseFen(value: unknown): bigint {
  if (typeof value !== 'string' || !FEN.test(value)) {
    throw userError(
      NodeErrorCodes.InvalidArgument,
      `money must be a whole number of fen as a string, got ${JSON.stringify(value)}`,
    );
  }
  return BigInt(value);
}

function parseDay(value: unknown): string {
  if (typeof value === 'string' && DAY.test(value)) {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return value;
  }
  throw userError(
    NodeErrorCodes.InvalidArgument,
    `a date must be a real YYYY-MM-DD day, got ${JSON.stringify(value)}`,
  );
}

builder.scalarType('Fen', {
  description: 'Money in fen (1/100 yuan): a non-negative integer written as a decimal string.',
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
