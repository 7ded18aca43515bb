/**
 * How the portal shows money: the one place that turns fen into text for people and numbers for charts.
 * (Parsing what people type and summing API amounts live in money.ts.)
 *
 * The rule, per reader:
 * - Exact (`formatFen`, every table, form, tooltip and detail): yuan with thousands separators and two
 *   decimals, `¥20,958,387.20`, in both languages.
 * - For a glance (`formatFenFor`, dashboard cards and calendar cells): Chinese readers count large
 *   amounts in 万 (10^4 yuan) and 亿 (10^8 yuan), so from ¥10,000 up the amount is given in the largest
 *   of the two it reaches, rounded half up to two decimals: `¥2,095.84万`, `¥1.23亿`; below ¥10,000 it
 *   is exact. An amount that rounds up to 10,000.00万 is shown as `¥1.00亿`. English readers get the
 *   exact amount with thousands separators. Wherever a rounded figure is shown, the exact one is a hover
 *   or a tap away (MoneyText).
 * - Chart axes (`axisMoneyLabel`): whole yuan; in Chinese 万/亿 with at most two decimals (`500万`,
 *   `1.5亿`), in English thousands separators (`5,000,000`).
 */
import { parseFen } from './money';

export type MoneyLocale = 'zh-CN' | 'en';

const GROUP = /\B(?=(\d{3})+(?!\d))/g;
const WAN_FEN = 1_000_000n;
const YI_FEN = 10_000_000_000n;
const HUNDREDTHS_PER_UNIT = 100n;

function toBigInt(fen: bigint | string): bigint {
  return typeof fen === 'bigint' ? fen : parseFen(fen);
}

function grouped(whole: bigint): string {
  return whole.toString().replace(GROUP, ',');
}

/** Fen for people, exactly: `123456789` → `¥1,234,567.89` (negative: `-¥…`). */
export function formatFen(fen: bigint | string, options: { symbol?: boolean } = {}): string {
  const value = toBigInt(fen);
  const abs = value < 0n ? -value : value;
  const symbol = options.symbol === false ? '' : '¥';
  const decimals = (abs % 100n).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}${symbol}${grouped(abs / 100n)}.${decimals}`;
}

/** `abs` fen in hundredths of `unit` fen, rounded half up. */
function hundredthsOf(abs: bigint, unit: bigint): bigint {
  return (abs * HUNDREDTHS_PER_UNIT + unit / 2n) / unit;
}

/** Fen in 万 or 亿 for Chinese readers (rule above): `2095838720` → `¥2,095.84万`. */
export function formatFenCompact(fen: bigint | string): string {
  const value = toBigInt(fen);
  const abs = value < 0n ? -value : value;
  if (abs < WAN_FEN) return formatFen(value);
  let unit = abs >= YI_FEN ? YI_FEN : WAN_FEN;
  let hundredths = hundredthsOf(abs, unit);
  // 9,999.995万 rounds to 10,000.00万: that is 1.00亿.
  if (unit === WAN_FEN && hundredths >= 10_000n * HUNDREDTHS_PER_UNIT) {
    unit = YI_FEN;
    hundredths = hundredthsOf(abs, unit);
  }
  const whole = hundredths / HUNDREDTHS_PER_UNIT;
  const decimals = (hundredths % HUNDREDTHS_PER_UNIT).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}¥${grouped(whole)}.${decimals}${unit === YI_FEN ? '亿' : '万'}`;
}

/** A figure to take in at a glance: 万/亿 in Chinese, exact with separators in English. */
export function formatFenFor(locale: MoneyLocale, fen: bigint | string): string {
  return locale === 'zh-CN' ? formatFenCompact(fen) : formatFen(fen);
}

/**
 * Where a long amount may wrap: after each thousands separator and before 万/亿, so a line never ends
 * inside a group of digits (`¥20,958,` / `387.20`, `¥2,095.84` / `万`). The pieces joined are the text
 * itself.
 */
export function amountWrapPoints(text: string): string[] {
  return text.split(/(?<=,)|(?=[万亿])/);
}

/**
 * Whole yuan as a number, for chart axes only (ECharts needs numbers); rounded half up. Every figure a
 * person reads in a tooltip or a table comes from formatFen instead.
 */
export function fenToChartYuan(fen: bigint | string): number {
  return Number((toBigInt(fen) + 50n) / 100n);
}

const AXIS_FORMATS: Record<MoneyLocale, Intl.NumberFormat> = {
  'zh-CN': new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, useGrouping: true }),
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 0, useGrouping: true }),
};

/** A value-axis tick (whole yuan) as its readers count: `5000000` → `500万` / `5,000,000`. */
export function axisMoneyLabel(locale: MoneyLocale, yuan: number): string {
  const format = AXIS_FORMATS[locale];
  if (locale === 'en') return format.format(yuan);
  const abs = Math.abs(yuan);
  if (abs >= 1e8) return `${format.format(yuan / 1e8)}亿`;
  if (abs >= 1e4) return `${format.format(yuan / 1e4)}万`;
  return format.format(yuan);
}
