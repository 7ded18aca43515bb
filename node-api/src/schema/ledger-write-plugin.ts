import SchemaBuilder, {
  BasePlugin,
  type FieldNullability,
  type InputFieldMap,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type SchemaTypes,
  type TypeParam,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { argsHash } from '../requests/args-hash.ts';
import { requestOf, type Context } from './context.ts';
import { NodeErrorCodes, userError } from './errors.ts';
import { checkText, textArg, type TextRule } from './text-rule.ts';

/** The argument every ledger write takes, and the HTTP header that may carry the same key instead. */
export const CLIENT_REQUEST_ID = 'clientRequestId';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

const KEY_RULE: TextRule = {
  max: 64,
  pattern: /^[A-Za-z0-9._:-]+$/,
  patternHint: 'may hold only letters, digits and . _ : - (at most 64)',
};

/** `validate` options of an argument holding an idempotency key. */
export const CLIENT_REQUEST_ID_ARG = textArg(KEY_RULE);

/** Kept short: it is repeated on every write; `transactionStatus` and the README say the rest. */
const KEY_DESCRIPTION =
  'Idempotency key (1–64 of A-Z a-z 0-9 . _ : -), or the `Idempotency-Key` header: a retry with the ' +
  'same key and arguments gets the first attempt’s outcome, not a second transaction.';

function isLedgerWrite<Types extends SchemaTypes>(config: PothosOutputFieldConfig<Types>): boolean {
  return (
    config.kind === 'Mutation' && (config.pothosOptions as { ledgerWrite?: boolean }).ledgerWrite === true
  );
}

/** The key from the argument or the header (they must agree when both are given); null without one. */
function idempotencyKey(argument: unknown, request: Request | undefined): string | null {
  const header = request?.headers.get(IDEMPOTENCY_KEY_HEADER) ?? null;
  let fromHeader: string | null = null;
  if (header !== null) {
    const checked = checkText(header, KEY_RULE);
    if ('problem' in checked) {
      throw userError(NodeErrorCodes.InvalidArgument, `Idempotency-Key: ${checked.problem}`);
    }
    fromHeader = checked.text;
  }
  const fromArgument = typeof argument === 'string' ? argument : null;
  if (fromArgument !== null && fromHeader !== null && fromArgument !== fromHeader) {
    throw userError(
      NodeErrorCodes.InvalidArgument,
      `${CLIENT_REQUEST_ID} and the Idempotency-Key header differ: send one key`,
    );
  }
  return fromArgument ?? fromHeader;
}

/**
 * A mutation declared `ledgerWrite: true` sends a transaction to the ledger (through `submitAs`): it
 * gets the `clientRequestId` argument, and its resolver a context holding the write's request (the
 * mutation, the key from the argument or the `Idempotency-Key` header, the hash of its other
 * arguments) for `submitAs` to claim. It wraps innermost (the last plugin), so it sees a logged-in
 * caller and validated, normalised arguments.
 */
export class LedgerWritePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): PothosOutputFieldConfig<Types> | null {
    if (!isLedgerWrite(fieldConfig)) return fieldConfig;
    const arg: PothosInputFieldConfig<Types> = {
      kind: 'Arg',
      graphqlKind: 'Arg',
      name: CLIENT_REQUEST_ID,
      parentField: fieldConfig.name,
      parentType: fieldConfig.parentType,
      type: { kind: 'Scalar', ref: 'String', required: false },
      description: KEY_DESCRIPTION,
      pothosOptions: {
        type: 'String',
        required: false,
        description: KEY_DESCRIPTION,
        validate: CLIENT_REQUEST_ID_ARG,
      },
      extensions: {},
    };
    return { ...fieldConfig, args: { ...fieldConfig.args, [CLIENT_REQUEST_ID]: arg } };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!isLedgerWrite(fieldConfig)) return resolver;
    const operation = fieldConfig.name;
    return (parent, args, context, info) => {
      const { [CLIENT_REQUEST_ID]: given, ...others } = args as Record<string, unknown>;
      const key = idempotencyKey(given, requestOf(context as Context));
      const ledgerWrite = { operation, key, argsHash: argsHash(others) };
      // A context of its own: one GraphQL request may hold several writes.
      return resolver(parent, args, { ...(context as Context), ledgerWrite }, info);
    };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Pothos plugins declare themselves
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      ledgerWrite: LedgerWritePlugin<Types>;
    }
    // The type parameters must be Pothos' own for the declarations to merge; only the option is new.
    /* eslint-disable @typescript-eslint/no-unused-vars */
    interface MutationFieldOptions<
      Types extends SchemaTypes,
      Type extends TypeParam<Types>,
      Nullable extends FieldNullability<Type>,
      Args extends InputFieldMap,
      ResolveReturnShape,
    > {
      /* eslint-enable @typescript-eslint/no-unused-vars */
      /**
       * The mutation sends a ledger transaction through `submitAs`: it takes `clientRequestId`, and
       * `submitAs` records and deduplicates it (schema/ledger-write-plugin.ts).
       */
      ledgerWrite?: boolean;
    }
  }
}

SchemaBuilder.registerPlugin('ledgerWrite', LedgerWritePlugin);

export default 'ledgerWrite' as const;
