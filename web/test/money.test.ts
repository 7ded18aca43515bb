import { describe, expect, it } from 'vitest';
import { MAX_FEN } from '@scf/ledger-contract';
import { fenToYuanText, parseFen, parseYuan, parseYuanExact, sumFen } from '@/domain/money';

describe('fen and yuan', () => {
  it('parses what people type in yuan to whole fen, without floats', () => {
    expect(parseYuan('0.01')).toBe(1n);
    expect(parseYuan('1')).toBe(100n);
    expect(parseYuan('1.5')).toBe(150n);
    expect(parseYuan(' ¥1,234.56 ')).toBe(123456n);
    expect(parseYuan('￥800')).toBe(80000n);
    // 0.1 + 0.2 style: exact in fen
    expect((parseYuan('0.1') ?? 0n) + (parseYuan('0.2') ?? 0n)).toBe(parseYuan('0.3'));
    expect(parseYuan('90071992547409.93')).toBe(9007199254740993n);
  });

  it('refuses fractions of a fen, signs, exponents, leading zeros and blanks', () => {
    for (const text of ['', ' ', '1.234', '-1', '+1', '1e3', '01', '1.', '.5', 'abc', '1,2.3.4', 'NaN']) {
      expect(parseYuan(text), text).toBeNull();
    }
  });

  it('stops at the ledger ceiling of 10^16 fen', () => {
    expect(parseYuan('100000000000000')).toBe(MAX_FEN);
    expect(parseYuan('100000000000000.01')).toBeNull();
    expect(parseYuanExact('100000000000000.01')).toBe(MAX_FEN + 1n);
  });

  it('round-trips through the input text form', () => {
    for (const fen of [0n, 1n, 99n, 100n, 123456n, MAX_FEN]) {
      expect(parseYuan(fenToYuanText(fen))).toBe(fen);
    }
    expect(fenToYuanText('5')).toBe('0.05');
  });

  it('reads API amounts strictly and sums them exactly', () => {
    expect(parseFen('42')).toBe(42n);
    expect(() => parseFen('4.2')).toThrow(RangeError);
    expect(() => parseFen('-1')).toThrow(RangeError);
    expect(() => parseFen('007')).toThrow(RangeError);
    expect(sumFen(['9007199254740993', '1'])).toBe(9007199254740994n);
  });
});
