import { invalid } from './errors.ts';

/** How a text field may look beyond the common rules. */
export interface TextOptions {
  /** Checked against the normalised value. */
  pattern?: RegExp;
  /** The field may span lines: it also takes line feeds (U+000A) and tabs (U+0009). */
  multiline?: boolean;
}

const LINE_FEED = 0x0a;
const TAB = 0x09;

/**
 * What makes a string unfit for the ledger, or undefined: a C0 control (U+0000–U+001F, line feed
 * and tab allowed only where `multiline`), DEL or a C1 control (U+007F–U+009F), or a surrogate
 * without its pair (which no UTF-8 text can carry).
 */
function flaw(value: string, multiline: boolean): string | undefined {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
      return `an unpaired surrogate at position ${index + 1}`;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return `an unpaired surrogate at position ${index + 1}`;
    const control = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
    if (control && !(multiline && (code === LINE_FEED || code === TAB))) {
      return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${index + 1}`;
    }
  }
  return undefined;
}

/** One text rule: the ledger's for the fields it stores, and the node API's for every text input. */
export interface TextRule extends TextOptions {
  /** Longest text in characters (code points), counted after NFC normalisation. */
  max: number;
  /** Empty or whitespace-only text passes (never for what goes on the ledger). */
  blankAllowed?: boolean;
}

/** Why `value` breaks `rule` (a phrase that follows the field's name), or the text as stored: NFC. */
export function checkText(value: string, rule: TextRule): { problem: string } | { text: string } {
  const problem = flaw(value, rule.multiline ?? false);
  if (problem !== undefined) return { problem: `contains ${problem}` };
  const text = value.normalize('NFC');
  if (!rule.blankAllowed && text.trim().length === 0) return { problem: 'is required' };
  if (Array.from(text).length > rule.max) return { problem: `must be at most ${rule.max} characters` };
  if (rule.pattern && !rule.pattern.test(text)) {
    return { problem: `has an invalid format: ${JSON.stringify(text)}` };
  }
  return { text };
}

/**
 * A string free of control characters and unpaired surrogates, returned as it is (no
 * normalisation, empty allowed): for ids, raw arguments and other strings that are not free text.
 */
export function requireCleanString(
  value: unknown,
  field: string,
  options: { multiline?: boolean } = {},
): string {
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  const problem = flaw(value, options.multiline ?? false);
  if (problem !== undefined) throw invalid(`${field} contains ${problem}`);
  return value;
}

/**
 * Free text as the ledger stores it: Unicode NFC, no control characters (line feeds and tabs only
 * in multi-line fields), no unpaired surrogates, not blank, at most `max` characters (code points,
 * counted after normalisation), and matching `pattern` if one is given.
 */
export function requireText(value: unknown, field: string, max: number, options: TextOptions = {}): string {
  if (typeof value !== 'string') throw invalid(`${field} is required`);
  const checked = checkText(value, { ...options, max });
  if ('problem' in checked) throw invalid(`${field} ${checked.problem}`);
  return checked.text;
}

/** Like requireText, but an absent or empty value is no value. */
export function optionalText(
  value: unknown,
  field: string,
  max: number,
  options: TextOptions = {},
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return requireText(value, field, max, options);
}

/** A SHA-256 digest in lower-case hex. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A SHA-256 digest in lower-case hex: documents stay off chain, their digests go on it. */
export function requireSha256(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw invalid(`${field} must be a SHA-256 digest in lower-case hex (64 characters)`);
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function requireInt(value: unknown, field: string, min: number, max: number): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw invalid(`${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** Parses a JSON argument (lists and records travel as JSON strings). */
export function parseJsonArg(value: string, field: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw invalid(`${field} must be valid JSON`);
  }
}
