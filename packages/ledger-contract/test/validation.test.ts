import { describe, expect, it } from 'vitest';
import { ContractError, ErrorCodes } from '../src/errors.ts';
import { DOCUMENT_NUMBER, TEXT_RULES } from '../src/limits.ts';
import {
  checkText,
  optionalText,
  parseJsonArg,
  requireCleanString,
  requireInt,
  requireOneOf,
  requireSha256,
  requireText,
} from '../src/validation.ts';

/** The code a call fails with, or undefined when it succeeds. */
function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).code;
  }
}

const FORBIDDEN_ANYWHERE: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['a C0 control (BEL)', 'a\u0007b'],
  ['a carriage return', 'a\rb'],
  ['the unit separator U+001F', 'a\u001Fb'],
  ['DEL', 'a\u007Fb'],
  ['the C1 control U+0080', 'a\u0080b'],
  ['NEL (U+0085)', 'a\u0085b'],
  ['the C1 control U+009F', 'a\u009Fb'],
  ['a lone high surrogate', 'a\uD800b'],
  ['a lone low surrogate', 'a\uDC00b'],
  ['a high surrogate at the end', 'ab\uD83D'],
  ['surrogates in the wrong order', 'a\uDE00\uD83Db'],
];

describe('requireText', () => {
  it.each(FORBIDDEN_ANYWHERE)('refuses %s, even in a multi-line field', (_, value) => {
    expect(codeOf(() => requireText(value, 'name', 100))).toBe(ErrorCodes.InvalidArgument);
    expect(codeOf(() => requireText(value, 'reason', 100, { multiline: true }))).toBe(
      ErrorCodes.InvalidArgument,
    );
  });

  it('allows a newline and a tab only where the field is declared multi-line', () => {
    expect(codeOf(() => requireText('line 1\nline 2', 'name', 100))).toBe(ErrorCodes.InvalidArgument);
    expect(codeOf(() => requireText('a\tb', 'name', 100))).toBe(ErrorCodes.InvalidArgument);
    expect(requireText('line 1\n\tline 2', 'reason', 100, { multiline: true })).toBe('line 1\n\tline 2');
  });

  it('stores text in Unicode NFC: e + combining acute becomes é', () => {
    const stored = requireText('Cafe\u0301 Ltd', 'name', 100);
    expect(stored).toBe('Caf\u00E9 Ltd');
    expect(stored).toBe('Café Ltd'.normalize('NFC'));
  });

  it('keeps paired surrogates and counts characters, not UTF-16 units', () => {
    expect(requireText('😀😀😀', 'name', 3)).toBe('😀😀😀');
    expect(codeOf(() => requireText('😀😀😀😀', 'name', 3))).toBe(ErrorCodes.InvalidArgument);
  });

  it('measures the limit after normalisation', () => {
    // Ten decomposed é (20 code points) are ten characters once composed.
    expect(requireText('e\u0301'.repeat(10), 'name', 10)).toBe('\u00E9'.repeat(10));
    // U+0958 is excluded from composition: NFC spells it as two code points.
    expect('\u0958'.normalize('NFC')).toHaveLength(2);
    expect(codeOf(() => requireText('\u0958'.repeat(6), 'name', 10))).toBe(ErrorCodes.InvalidArgument);
    expect(requireText('\u0958'.repeat(5), 'name', 10)).toHaveLength(10);
  });

  it.each([
    ['an empty string', ''],
    ['spaces', '   '],
    ['an ideographic space', '\u3000'],
    ['a newline in a multi-line field', '\n\t'],
    ['a number', 12],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s as blank', (_, value) => {
    expect(codeOf(() => requireText(value, 'reason', 100, { multiline: true }))).toBe(
      ErrorCodes.InvalidArgument,
    );
  });

  it('checks a pattern against the normalised value', () => {
    expect(requireText('INV-1', 'number', 64, { pattern: /^[A-Z0-9-]+$/ })).toBe('INV-1');
    expect(codeOf(() => requireText('INV 1', 'number', 64, { pattern: /^[A-Z0-9-]+$/ }))).toBe(
      ErrorCodes.InvalidArgument,
    );
    expect(requireText('e\u0301', 'letter', 1, { pattern: /^\u00E9$/ })).toBe('\u00E9');
  });
});

describe('optionalText', () => {
  it('treats an absent or empty value as none and checks any other', () => {
    expect(optionalText(undefined, 'po', 10)).toBeUndefined();
    expect(optionalText(null, 'po', 10)).toBeUndefined();
    expect(optionalText('', 'po', 10)).toBeUndefined();
    expect(optionalText('PO-1', 'po', 10)).toBe('PO-1');
    expect(optionalText('Cafe\u0301', 'po', 10)).toBe('Café');
    expect(codeOf(() => optionalText('PO\u00001', 'po', 10))).toBe(ErrorCodes.InvalidArgument);
    expect(codeOf(() => optionalText(' ', 'po', 10))).toBe(ErrorCodes.InvalidArgument);
    expect(codeOf(() => optionalText('a\nb', 'note', 10))).toBe(ErrorCodes.InvalidArgument);
    expect(optionalText('a\nb', 'note', 10, { multiline: true })).toBe('a\nb');
  });
});

describe('requireCleanString', () => {
  it.each(FORBIDDEN_ANYWHERE)('refuses %s', (_, value) => {
    expect(codeOf(() => requireCleanString(value, 'id'))).toBe(ErrorCodes.InvalidArgument);
    expect(codeOf(() => requireCleanString(value, 'arg', { multiline: true }))).toBe(
      ErrorCodes.InvalidArgument,
    );
  });

  it('leaves the value as it is (no normalisation, empty allowed) and takes \\n, \\t only if told', () => {
    expect(requireCleanString('', 'bookmark')).toBe('');
    expect(requireCleanString('e\u0301', 'id')).toBe('e\u0301');
    expect(codeOf(() => requireCleanString('a\nb', 'id'))).toBe(ErrorCodes.InvalidArgument);
    expect(requireCleanString('{\n\t"a": 1\n}', 'arg', { multiline: true })).toBe('{\n\t"a": 1\n}');
    expect(codeOf(() => requireCleanString(7, 'id'))).toBe(ErrorCodes.InvalidArgument);
  });
});

describe('checkText', () => {
  it('returns the NFC text, or the problem as a phrase that follows the field name', () => {
    expect(checkText('Cafe\u0301', { max: 10 })).toEqual({ text: 'Caf\u00E9' });
    expect(checkText(' ', { max: 10 })).toEqual({ problem: 'is required' });
    expect(checkText('abc', { max: 2 })).toEqual({ problem: 'must be at most 2 characters' });
    expect(checkText('a\u0000', { max: 10 })).toEqual({
      problem: 'contains the control character U+0000 at position 2',
    });
    expect(checkText('a\uD800', { max: 10 })).toEqual({
      problem: 'contains an unpaired surrogate at position 2',
    });
    expect(checkText('a b', { max: 10, pattern: /^\S+$/ })).toEqual({
      problem: 'has an invalid format: "a b"',
    });
  });

  it('lets blank text through only where the rule allows it, never its control characters', () => {
    expect(checkText('', { max: 10, blankAllowed: true })).toEqual({ text: '' });
    expect(checkText('  ', { max: 10, blankAllowed: true })).toEqual({ text: '  ' });
    expect(checkText('\u0007', { max: 10, blankAllowed: true })).toHaveProperty('problem');
  });
});

describe('TEXT_RULES', () => {
  it('holds document numbers to letters, digits and -_/ and reasons to what may span lines', () => {
    const { documentNumber, reason } = TEXT_RULES;
    expect(documentNumber.pattern).toBe(DOCUMENT_NUMBER);
    expect(checkText('INV-2026/0001_a', documentNumber)).toEqual({ text: 'INV-2026/0001_a' });
    for (const bad of ['INV 1', 'INV#1', 'INV.1', '发票1']) {
      expect(checkText(bad, documentNumber)).toHaveProperty('problem');
    }
    expect(checkText('x'.repeat(64), documentNumber)).toHaveProperty('text');
    expect(checkText('x'.repeat(65), documentNumber)).toHaveProperty('problem');
    expect(checkText('line 1\n\tline 2', reason)).toEqual({ text: 'line 1\n\tline 2' });
    expect(checkText('line 1\nline 2', TEXT_RULES.name)).toHaveProperty('problem');
  });
});

describe('requireInt', () => {
  it('takes a whole number or its decimal string within the bounds', () => {
    expect(requireInt('42', 'n', 1, 100)).toBe(42);
    expect(requireInt(-500, 'n', -500, 5000)).toBe(-500);
    expect(requireInt('-500', 'n', -500, 5000)).toBe(-500);
    expect(requireInt('100', 'n', 1, 100)).toBe(100);
  });

  it.each([
    ['below the minimum', '0'],
    ['above the maximum', '101'],
    ['a fraction', '1.5'],
    ['a fraction as a number', 1.5],
    ['an exponent', '1e2'],
    ['a plus sign', '+5'],
    ['blank', ''],
    ['words', 'ten'],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(codeOf(() => requireInt(value, 'n', 1, 100))).toBe(ErrorCodes.InvalidArgument);
  });

  it('names the field, the bounds and the value in its message', () => {
    expect(() => requireInt('0', 'pageSize', 1, 100)).toThrow(
      '[INVALID_ARGUMENT] pageSize must be a whole number from 1 to 100, got "0"',
    );
  });
});

describe('requireOneOf', () => {
  it('takes one of the allowed values and refuses anything else', () => {
    expect(requireOneOf('1Y', 'tenor', ['1Y', '5Y'])).toBe('1Y');
    for (const value of ['3M', '1y', '', undefined, 1]) {
      expect(codeOf(() => requireOneOf(value, 'tenor', ['1Y', '5Y']))).toBe(ErrorCodes.InvalidArgument);
    }
  });
});

describe('requireSha256', () => {
  it('takes 64 lower-case hex digits only', () => {
    const digest = 'ab'.repeat(32);
    expect(requireSha256(digest, 'hash')).toBe(digest);
    for (const value of [digest.toUpperCase(), digest.slice(1), `${digest}0`, 'g'.repeat(64), 64]) {
      expect(codeOf(() => requireSha256(value, 'hash'))).toBe(ErrorCodes.InvalidArgument);
    }
  });
});

describe('parseJsonArg', () => {
  it('parses JSON and refuses anything else as INVALID_ARGUMENT', () => {
    expect(parseJsonArg('[{"amount":"1"}]', 'pieces')).toEqual([{ amount: '1' }]);
    expect(parseJsonArg('null', 'pieces')).toBeNull();
    expect(() => parseJsonArg('[1,', 'pieces')).toThrow('[INVALID_ARGUMENT] pieces must be valid JSON');
  });
});
