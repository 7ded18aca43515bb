import { describe, expect, it } from 'vitest';
import {
  ContractError,
  ErrorCodes,
  optionalText,
  requireCleanString,
  requireText,
} from '@scf/ledger-contract';

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
