import { describe, expect, it } from 'vitest';
import { moneyChart } from '@/components/charts/chart-options';

interface Axis {
  type: string;
  splitNumber?: number;
  axisLabel: {
    interval?: number;
    rotate?: number;
    overflow?: string;
    hideOverlap?: boolean;
    formatter?: (v: number) => string;
  };
}

const BUCKETS = ['逾期', '0–30天', '31–60天', '61–90天', '91–180天', '180天以上'];
const series = [{ name: 'amount', fen: BUCKETS.map(() => '2095838720') }];

function axes(option: Record<string, unknown>): { x: Axis; y: Axis } {
  return { x: option.xAxis as Axis, y: option.yAxis as Axis };
}

describe('money charts', () => {
  it('labels every category and turns crowded ones so that they do not touch', () => {
    const { x } = axes(moneyChart(BUCKETS, series, { locale: 'zh-CN' }));
    expect(x.type).toBe('category');
    expect(x.axisLabel.interval).toBe(0);
    expect(x.axisLabel.rotate).toBe(45);
    const few = axes(moneyChart(BUCKETS.slice(0, 3), series, { locale: 'zh-CN' })).x;
    expect(few.axisLabel).toMatchObject({ interval: 0, rotate: 0 });
    const months = Array.from({ length: 12 }, (_, index) => `2026-${String(index + 1).padStart(2, '0')}`);
    expect(axes(moneyChart(months, series, { locale: 'en' })).x.axisLabel.rotate).toBe(90);
  });

  it('wraps long names beside horizontal bars instead of cutting them', () => {
    const { y } = axes(moneyChart(['青岛海川电器股份有限公司'], series, { locale: 'en', horizontal: true }));
    expect(y.axisLabel).toMatchObject({ interval: 0, overflow: 'break' });
  });

  it('writes value ticks in the reader’s units and leaves out any that would overlap', () => {
    const zh = axes(moneyChart(BUCKETS, series, { locale: 'zh-CN' })).y;
    expect(zh.axisLabel.hideOverlap).toBe(true);
    expect(zh.axisLabel.formatter?.(20_000_000)).toBe('2,000万');
    const en = axes(moneyChart(['a'], series, { locale: 'en', horizontal: true })).x;
    expect(en.axisLabel.formatter?.(20_000_000)).toBe('20,000,000');
    expect(en.axisLabel.hideOverlap).toBe(true);
    // The bottom axis of a horizontal chart holds the widest labels: fewer ticks there.
    expect(en.splitNumber).toBe(3);
  });
});
