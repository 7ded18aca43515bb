import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './changes.ts';
import './mutations/settlement.ts';
import './node-info.ts';
import './proof.ts';

/** The whole GraphQL schema: every schema/<entity>.ts registers its types on the builder on import. */
export function buildSchema(): GraphQLSchema {
  return builder.toSchema({ sortSchema: true });
}
