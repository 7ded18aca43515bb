import type { EChartsCoreOption } from 'echarts/core';
import { fenToChartYuan, formatFen } from '@/domain/money';

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

/** Bars (or lines) of money by category, horizontal when the categories are names. */
export function moneyChart(
  categories: readonly string[],
  series: readonly BarSeries[],
  options: { kind?: 'bar' | 'line'; horizontal?: boolean; stack?: boolean } = {},
): EChartsCoreOption {
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: { width: 120, overflow: 'truncate' },
  };
  const valueAxis = { type: 'value', axisLabel: { formatter: (value: number) => value.toLocaleString() } };
  return {
    tooltip: { trigger: 'axis', formatter: tooltipFormatter(series) },
    legend: { show: series.length > 1, bottom: 0 },
    grid: { left: 16, right: 24, top: 24, bottom: series.length > 1 ? 40 : 16, containLabel: true },
    xAxis: options.horizontal ? valueAxis : categoryAxis,
    yAxis: options.horizontal ? categoryAxis : valueAxis,
    series: series.map((one) => ({
      name: one.name,
      type: options.kind ?? 'bar',
      stack: options.stack ? 'total' : undefined,
      smooth: options.kind === 'line',
      data: one.fen.map(fenToChartYuan),
    })),
  };
}
