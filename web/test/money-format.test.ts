import { describe, expect, it } from 'vitest';
import {
  amountWrapPoints,
  axisMoneyLabel,
  fenToChartYuan,
  formatFen,
  formatFenCompact,
  formatFenFor,
} from '@/domain/money-format';

describe('exact amounts', () => {
  it('formats fen as grouped yuan with two decimals, exactly', () => {
    expect(formatFen('0')).toBe('¥0.00');
    expect(formatFen('1')).toBe('¥0.01');
    expect(formatFen('100')).toBe('¥1.00');
    expect(formatFen('123456789')).toBe('¥1,234,567.89');
    expect(formatFen(10n ** 16n)).toBe('¥100,000,000,000,000.00');
    // 2^53 + 1 fen: a float would print ...992; bigint keeps the last fen.
    expect(formatFen('9007199254740993')).toBe('¥90,071,992,547,409.93');
    expect(formatFen(-150n)).toBe('-¥1.50');
    expect(formatFen('1000', { symbol: false })).toBe('10.00');
  });
});

describe('amounts at a glance', () => {
  it('counts Chinese amounts in 万 from ¥10,000 and in 亿 from ¥100,000,000, half up to two decimals', () => {
    expect(formatFenCompact('999999')).toBe('¥9,999.99');
    expect(formatFenCompact('1000000')).toBe('¥1.00万');
    expect(formatFenCompact('209583872')).toBe('¥209.58万');
    expect(formatFenCompact('2095838720')).toBe('¥2,095.84万');
    expect(formatFenCompact('1000049999')).toBe('¥1,000.05万');
    expect(formatFenCompact('1000050000')).toBe('¥1,000.05万');
    expect(formatFenCompact('1000049000')).toBe('¥1,000.05万');
    expect(formatFenCompact('1000048999')).toBe('¥1,000.05万');
    expect(formatFenCompact('1000044999')).toBe('¥1,000.04万');
    expect(formatFenCompact('10000000000')).toBe('¥1.00亿');
    expect(formatFenCompact('12345678901')).toBe('¥1.23亿');
    expect(formatFenCompact(10n ** 16n)).toBe('¥1,000,000.00亿');
    expect(formatFenCompact(-2095838720n)).toBe('-¥2,095.84万');
  });

  it('says 1.00亿, not 10,000.00万, when rounding reaches a 亿', () => {
    expect(formatFenCompact('9999994999')).toBe('¥9,999.99万');
    expect(formatFenCompact('9999995000')).toBe('¥1.00亿');
  });

  it('keeps English amounts exact, with thousands separators', () => {
    expect(formatFenFor('en', '2095838720')).toBe('¥20,958,387.20');
    expect(formatFenFor('zh-CN', '2095838720')).toBe('¥2,095.84万');
  });

  it('lets a long amount wrap only after a thousands separator or before 万/亿', () => {
    expect(amountWrapPoints('¥20,958,387.20')).toEqual(['¥20,', '958,', '387.20']);
    expect(amountWrapPoints('¥2,095.84万')).toEqual(['¥2,', '095.84', '万']);
    expect(amountWrapPoints('¥9.99')).toEqual(['¥9.99']);
  });
});

describe('chart axes', () => {
  it('rounds to whole yuan, half up, for chart axes only', () => {
    expect(fenToChartYuan('149')).toBe(1);
    expect(fenToChartYuan('150')).toBe(2);
  });

  it('labels ticks in 万/亿 for Chinese readers and with separators for English ones', () => {
    expect(axisMoneyLabel('zh-CN', 0)).toBe('0');
    expect(axisMoneyLabel('zh-CN', 5000)).toBe('5,000');
    expect(axisMoneyLabel('zh-CN', 5_000_000)).toBe('500万');
    expect(axisMoneyLabel('zh-CN', 12_500)).toBe('1.25万');
    expect(axisMoneyLabel('zh-CN', 150_000_000)).toBe('1.5亿');
    expect(axisMoneyLabel('en', 5_000_000)).toBe('5,000,000');
    expect(axisMoneyLabel('en', 0)).toBe('0');
  });
});
