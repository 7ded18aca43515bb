import type { EChartsCoreOption } from 'echarts/core';
import { axisMoneyLabel, fenToChartYuan, formatFen, type MoneyLocale } from '@/domain/money-format';

export interface BarSeries {
  name: string;
  /** Amounts in fen, one per category. */
  fen: readonly string[];
}

/** A tooltip line per series with the exact amount (the bars themselves are whole yuan). */
function tooltipFormatter(series: readonly BarSeries[]) {
  return (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as {
      dataIndex: number;
      seriesIndex: number;
      name: string;
    }[];
    const head = list[0]?.name ?? '';
    const lines = list.map((item) => {
      const one = series[item.seriesIndex];
      const fen = one?.fen[item.dataIndex] ?? '0';
      return `${one?.name ?? ''}: ${formatFen(fen)}`;
    });
    return [head, ...lines].join('<br/>');
  };
}

/** More categories than this side by side, and their labels turn 45° so that every one of them shows. */
const UPRIGHT_CATEGORIES = 4;
/**
 * More than this (a year of months), and they stand upright: at 45° a label needs about 1.4 times its
 * line height along the axis, more than a phone-wide chart gives each of twelve months.
 */
const SLANTED_CATEGORIES = 8;
/** Names beside horizontal bars wrap at this width rather than being cut. */
const NAME_WIDTH = 120;

export interface MoneyChartOptions {
  /** Who reads the axis: 万/亿 or thousands separators (money-format.ts). */
  locale: MoneyLocale;
  kind?: 'bar' | 'line';
  /** Bars along the value axis, names down the side: for categories that are names. */
  horizontal?: boolean;
  stack?: boolean;
}

function rotation(count: number): number {
  if (count > SLANTED_CATEGORIES) return 90;
  return count > UPRIGHT_CATEGORIES ? 45 : 0;
}

/**
 * The category axis labels every category (ECharts would otherwise skip some when they crowd): names
 * down the side wrap, and many categories along the bottom are turned 45° or 90°, which keeps
 * neighbours apart down to a phone's width.
 */
function categoryAxis(categories: readonly string[], horizontal: boolean): Record<string, unknown> {
  const axisLabel = horizontal
    ? { interval: 0, width: NAME_WIDTH, overflow: 'break' }
    : { interval: 0, rotate: rotation(categories.length) };
  return { type: 'category', data: categories, axisLabel };
}

/**
 * The value axis in its readers' units; a tick label that would touch its neighbour is left out
 * (hideOverlap), and along the bottom, where money labels are widest, there are fewer ticks.
 */
function valueAxis(locale: MoneyLocale, horizontal: boolean): Record<string, unknown> {
  return {
    type: 'value',
    ...(horizontal ? { splitNumber: 3 } : {}),
    axisLabel: { formatter: (value: number) => axisMoneyLabel(locale, value), hideOverlap: true },
  };
}

/** Bars (or lines) of money by category; the tooltip has the exact amounts. */
export function moneyChart(
  categories: readonly string[],
  series: readonly BarSeries[],
  options: MoneyChartOptions,
): EChartsCoreOption {
  const horizontal = options.horizontal === true;
  const categoryLabels = categoryAxis(categories, horizontal);
  const values = valueAxis(options.locale, horizontal);
  return {
    tooltip: { trigger: 'axis', confine: true, formatter: tooltipFormatter(series) },
    legend: { show: series.length > 1, bottom: 0 },
    grid: { left: 16, right: 24, top: 24, bottom: series.length > 1 ? 40 : 16, containLabel: true },
    xAxis: horizontal ? values : categoryLabels,
    yAxis: horizontal ? categoryLabels : values,
    series: series.map((one) => ({
      name: one.name,
      type: options.kind ?? 'bar',
      stack: options.stack ? 'total' : undefined,
      smooth: options.kind === 'line',
      data: one.fen.map(fenToChartYuan),
    })),
  };
}
