import SchemaBuilder, {
  BasePlugin,
  createInputValueMapper,
  mapInputFields,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { ownsDocument } from '../documents/document-access.ts';
import type { Context } from './context.ts';
import { NodeErrorCodes, userError } from './errors.ts';
import { ruleOf } from './text-rule.ts';

/**
 * Every argument validated with a document rule (`textArg({ document: true })`, TEXT.sha256) names a
 * document the caller's enterprise must have uploaded to this node; otherwise the field answers
 * DOCUMENT_NOT_OWNED before its resolver runs, so nothing reaches the ledger. It wraps inside scope
 * auth and validation (it is the last plugin), so it sees a logged-in caller and checked hashes.
 */
export class DocumentOwnerPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const documents = mapInputFields(fieldConfig.args, this.buildCache, (field) =>
      ruleOf((field.pothosOptions as { validate?: unknown }).validate)?.document ? true : null,
    );
    if (!documents) return resolver;
    const collect = createInputValueMapper<Types, boolean, [Set<string>]>(documents, (value, _m, found) => {
      if (typeof value === 'string') found.add(value);
      return value;
    });
    return async (parent, args, context, info) => {
      const found = new Set<string>();
      collect(args, documents, found);
      await requireOwned(context as Context, found);
      return resolver(parent, args, context, info);
    };
  }
}

async function requireOwned(ctx: Context, hashes: Set<string>): Promise<void> {
  if (hashes.size === 0) return;
  const { user } = ctx;
  if (!user) throw userError(NodeErrorCodes.Unauthenticated, 'log in first');
  for (const sha256 of hashes) {
    if (!(await ownsDocument(ctx.db, user.enterpriseId, sha256))) {
      throw userError(
        NodeErrorCodes.DocumentNotOwned,
        `document ${sha256} was not uploaded to this node by your enterprise: upload it first`,
      );
    }
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Pothos plugins declare themselves
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      documentOwner: DocumentOwnerPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('documentOwner', DocumentOwnerPlugin);

export default 'documentOwner' as const;
