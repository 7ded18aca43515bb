import SchemaBuilder, {
  BasePlugin,
  resolveInputTypeConfig,
  type PothosInputFieldConfig,
  type PothosInputFieldType,
  type SchemaTypes,
} from '@pothos/core';
import { DEFAULT_ID_RULE, DEFAULT_TEXT_RULE, ruleOf, textSchema, type TextRule } from './text-rule.ts';

/**
 * Gives every String and ID input (argument or input-object field, in lists too) the text rule, so no
 * field can forget it: a field validated with `textArg` (TEXT in mutations/limits.ts) keeps its rule;
 * any other gets DEFAULT_TEXT_RULE (an ID: DEFAULT_ID_RULE) in front of its own checks. It only
 * rewrites `validate` options: the zod plugin does the checking and passes the normalised text on to
 * the resolver, so it must come after ZodPlugin in the builder's plugin list (Pothos runs
 * `onInputFieldConfig` from the last plugin to the first).
 */
export class TextInputPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onInputFieldConfig(fieldConfig: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
    const rule = this.defaultRule(fieldConfig.type);
    if (!rule) return fieldConfig;
    const options = fieldConfig.pothosOptions as { validate?: unknown };
    return {
      ...fieldConfig,
      pothosOptions: {
        ...fieldConfig.pothosOptions,
        validate: withTextRule(options.validate, fieldConfig.type, rule),
      } as typeof fieldConfig.pothosOptions,
    };
  }

  /** The rule of a String or ID input that names none; undefined for other types. */
  private defaultRule(type: PothosInputFieldType<Types>): TextRule | undefined {
    const named = resolveInputTypeConfig(type, this.buildCache);
    if (named.kind !== 'Scalar') return undefined;
    if (named.name === 'ID') return DEFAULT_ID_RULE;
    return named.name === 'String' ? DEFAULT_TEXT_RULE : undefined;
  }
}

type Validate = Record<string, unknown> | ((...args: never[]) => unknown) | unknown[];

/** `validate` options that put the text rule first: for a list, on its items. */
function withTextRule<Types extends SchemaTypes>(
  validate: unknown,
  type: PothosInputFieldType<Types>,
  rule: TextRule,
): unknown {
  if (type.kind === 'List') {
    const own = asOptions(validate);
    return { ...own, items: withTextRule(own.items, type.type, rule) };
  }
  if (ruleOf(validate)) return validate;
  const schema = textSchema({ ...rule, blankAllowed: !type.required });
  if (validate === undefined) return { schema };
  const own = asOptions(validate);
  const ownSchema = own.schema as Parameters<typeof schema.pipe>[0] | undefined;
  // `type: 'string'` keeps plugin-zod from reading minLength/maxLength as a list's bounds too.
  return { ...own, type: 'string', schema: ownSchema ? schema.pipe(ownSchema) : schema };
}

/** Options as an object: a bare refinement (function or list of them) becomes `{ refine }`. */
function asOptions(validate: unknown): Record<string, unknown> {
  if (validate === undefined || validate === null) return {};
  if (typeof validate === 'function' || Array.isArray(validate)) return { refine: validate as Validate };
  return validate as Record<string, unknown>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Pothos plugins declare themselves
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      textInput: TextInputPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('textInput', TextInputPlugin);

export default 'textInput' as const;
