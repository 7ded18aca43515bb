import * as z from 'zod';

/**
 * What one text argument may hold. Every String and ID the API takes goes through `textSchema`: the
 * ones that name a rule (TEXT in mutations/limits.ts), and every other one with DEFAULT_TEXT_RULE
 * (schema/text-input-plugin.ts sees to that), so no field can forget it.
 */
export interface TextRule {
  /** Longest text, counted after NFC normalisation in UTF-16 code units (as the chaincode counts). */
  max: number;
  /** Whether empty or whitespace-only text passes (never for what goes on the ledger). */
  blankAllowed?: boolean;
  /** Whether line feeds and tabs pass: only for free text meant to span lines (reasons). */
  multiline?: boolean;
  /** A format the normalised text must have. */
  pattern?: RegExp;
  /** What `pattern` asks for, in words, for the error message. */
  patternHint?: string;
  /** The text names a document on this node: the caller's enterprise must own it (document-owner-plugin.ts). */
  document?: boolean;
}

/** For String arguments no TEXT rule names (logins, search text, cursors): generous, but bounded. */
export const DEFAULT_TEXT_RULE: TextRule = { max: 1_000 };

/** For ID arguments no TEXT rule names: an object's id, at most what the chaincode takes for one. */
export const DEFAULT_ID_RULE: TextRule = { max: 200 };

/** A surrogate code unit outside a pair: with the `u` flag a well-formed pair reads as one code point. */
const LONE_SURROGATE = /\p{Cs}/u;
/* eslint-disable no-control-regex -- control characters are what these find */
/** C0 controls, DEL and the C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** The same, less line feed and tab. */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
/* eslint-enable no-control-regex */

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` breaks the rule, or null with its normalised form. */
export function checkText(value: string, rule: TextRule): { problem: string } | { text: string } {
  // A lone surrogate is no character at all; no encoding (UTF-8 on the ledger, in PostgreSQL) holds it.
  if (LONE_SURROGATE.test(value)) return { problem: 'contains a lone surrogate (not valid Unicode)' };
  const text = value.normalize('NFC');
  const control = (rule.multiline ? CONTROL_BUT_LINES : CONTROL).exec(text);
  if (control) {
    return { problem: `contains the control character ${codePoint(control[0])} at ${String(control.index)}` };
  }
  if (!rule.blankAllowed && text.trim() === '') return { problem: 'must not be blank' };
  if (text.length > rule.max) return { problem: `must be at most ${String(rule.max)} characters` };
  if (rule.pattern && !rule.pattern.test(text)) {
    return { problem: rule.patternHint ?? `must match ${String(rule.pattern)}` };
  }
  return { text };
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
