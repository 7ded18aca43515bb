import {
  checkText as checkLedgerText,
  TEXT_RULES,
  type TextRule as LedgerTextRule,
} from '@scf/ledger-contract';
import * as z from 'zod';

/**
 * What one text argument may hold: the ledger's text rule (NFC, no control characters or unpaired
 * surrogates, not blank, at most `max` code points), plus what only the node needs. Every String and
 * ID the API takes goes through `textSchema`: the ones that name a rule (TEXT in mutations/limits.ts),
 * and every other one with DEFAULT_TEXT_RULE (schema/text-input-plugin.ts sees to that), so no field
 * can forget it.
 */
export interface TextRule extends LedgerTextRule {
  /** What `pattern` asks for, in words, for the error message. */
  patternHint?: string;
  /** The text names a document on this node: the caller's enterprise must own it (document-owner-plugin.ts). */
  document?: boolean;
}

/** For String arguments no TEXT rule names (logins, search text, cursors): generous, but bounded. */
export const DEFAULT_TEXT_RULE: TextRule = { max: 1_000 };

/** For ID arguments no TEXT rule names: an object's id, at most what the chaincode takes for one. */
export const DEFAULT_ID_RULE: TextRule = TEXT_RULES.id;

/** Why `value` breaks the rule, or its normalised form: the ledger's check, with the node's wording of a pattern. */
export function checkText(value: string, rule: TextRule): { problem: string } | { text: string } {
  const { pattern, patternHint, ...common } = rule;
  if (pattern === undefined || patternHint === undefined)
    return checkLedgerText(value, { ...common, pattern });
  const checked = checkLedgerText(value, common);
  if ('problem' in checked || pattern.test(checked.text)) return checked;
  return { problem: patternHint };
}

/** The zod schema of a rule: refuses what breaks it, and passes on the NFC-normalised text. */
export function textSchema(rule: TextRule): z.ZodType<string, string> {
  return z.string().transform((value, ctx) => {
    const checked = checkText(value, rule);
    if ('text' in checked) return checked.text;
    ctx.addIssue({ code: 'custom', message: checked.problem });
    return z.NEVER;
  });
}

/** Pothos `validate` options made by `textArg`, with the rule each was made from. */
const RULES = new WeakMap<object, TextRule>();

/** `validate` options for a text argument: `t.arg.string({ validate: textArg({ max: 64 }) })`. */
export function textArg(rule: TextRule): { schema: z.ZodType<string, string> } {
  const options = { schema: textSchema(rule) };
  RULES.set(options, rule);
  return options;
}

/** The rule behind `validate` options, when `textArg` made them. */
export function ruleOf(validate: unknown): TextRule | undefined {
  return typeof validate === 'object' && validate !== null ? RULES.get(validate) : undefined;
}
