import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { NodeErrorCodes, userError } from '../schema/errors.ts';

/**
 * How big one GraphQL operation may be. A list query (connection → edges → node → party → field) is
 * 5 levels deep, so 10 leaves room without allowing cycles to be walked far. Cost counts one per field,
 * an object's fields multiplied by a literal `first`/`last`, so 5000 is roughly "5000 values resolved":
 * a dashboard with a 100-row page passes (test/http/query-limits.test.ts). A page size passed as a
 * variable is not multiplied (the rule sees no variables), which is why connections cap their page size.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 3_000,
  maxCost: 5_000,
} as const;

/** Armor's own errors carry no code and a "Syntax Error: " prefix; ours carry QUERY_TOO_COMPLEX. */
function tooComplex(error: GraphQLError): GraphQLError {
  return userError(NodeErrorCodes.QueryTooComplex, error.message.replace(/^Syntax Error: /, ''));
}

/** Validation rules report the typed error; the token counter runs inside the parser, so it throws. */
const onReject = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError): void => {
      if (!context) throw tooComplex(error);
      context.reportError(tooComplex(error));
    },
  ],
};

/** GraphQL Armor with the node's limits (suggestions are hidden by http/schema-exposure.ts). */
export function queryLimitPlugins(): Plugin[] {
  return [
    maxTokensPlugin({ n: QUERY_LIMITS.maxTokens, ...onReject }),
    maxDepthPlugin({ n: QUERY_LIMITS.maxDepth, flattenFragments: true, ...onReject }),
    maxAliasesPlugin({ n: QUERY_LIMITS.maxAliases, ...onReject }),
    costLimitPlugin({
      maxCost: QUERY_LIMITS.maxCost,
      objectCost: 1,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ...onReject,
    }),
  ];
}
