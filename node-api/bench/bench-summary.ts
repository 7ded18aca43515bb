import type { ChartSeries } from './chart-svg.ts';
import type { RoundResult } from './steady-round.ts';
import { ratio, Samples, spread, table, type Spread } from './stats.ts';

/** One workload at one client count over its runs. */
export interface ThroughputRow {
  workload: string;
  clients: number;
  runs: number;
  /** Committed transactions per second, over the runs. */
  rate: Spread;
  /** Whole cycles per second (the life cycle only). */
  cycleRate?: Spread;
  p50Ms: number;
  p95Ms: number;
  failures: number;
  retries: number;
}

/** CPU of one measured stretch: a workload's rounds together, or one life-cycle step on its own. */
export interface CpuRow {
  name: string;
  transactions: number;
  cpuMs: Map<string, number>;
}

const key = (round: RoundResult): string => `${round.workload}\u0000${String(round.clients)}`;

export function throughputRows(rounds: readonly RoundResult[]): ThroughputRow[] {
  const groups = new Map<string, RoundResult[]>();
  for (const round of rounds) groups.set(key(round), [...(groups.get(key(round)) ?? []), round]);
  return [...groups.values()].map((group) => {
    const first = group[0] as RoundResult;
    const latency = Samples.merge(
      first.workload,
      group.flatMap((round) => [...round.latency.values()]),
    );
    const rates = group.map((round) => (round.seconds > 0 ? round.transactions / round.seconds : 0));
    const cycles = group.map((round) => (round.seconds > 0 ? round.cycles / round.seconds : 0));
    return {
      workload: first.workload,
      clients: first.clients,
      runs: group.length,
      rate: spread(rates),
      ...(group.some((round) => round.cycles > 0) ? { cycleRate: spread(cycles) } : {}),
      p50Ms: latency.quantile(0.5),
      p95Ms: latency.quantile(0.95),
      failures: group.reduce((sum, round) => sum + round.failures, 0),
      retries: group.reduce((sum, round) => sum + round.retries, 0),
    };
  });
}

function medianOf(rows: readonly ThroughputRow[], workload: string, clients: number): number | undefined {
  return rows.find((row) => row.workload === workload && row.clients === clients)?.rate.median;
}

/** The targets as ratios of medians at each client count (and of each workload's best count). */
export function ratioRows(rows: readonly ThroughputRow[]): (string | number)[][] {
  const counts = [...new Set(rows.map((row) => row.clients))].sort((a, b) => a - b);
  const best = (workload: string): number | undefined => {
    const rates = rows.filter((row) => row.workload === workload).map((row) => row.rate.median);
    return rates.length > 0 ? Math.max(...rates) : undefined;
  };
  return [
    ...counts.map((clients) => [
      String(clients),
      ratio(medianOf(rows, 'one-write', clients), medianOf(rows, 'no-op', clients)),
      ratio(medianOf(rows, 'life-cycle', clients), medianOf(rows, 'one-write', clients)),
    ]),
    ['best of sweep', ratio(best('one-write'), best('no-op')), ratio(best('life-cycle'), best('one-write'))],
  ];
}

/** Each workload's CPU over all its rounds. */
export function cpuOfRounds(rounds: readonly RoundResult[]): CpuRow[] {
  const rows = new Map<string, CpuRow>();
  for (const round of rounds) {
    const row: CpuRow = rows.get(round.workload) ?? {
      name: round.workload,
      transactions: 0,
      cpuMs: new Map<string, number>(),
    };
    row.transactions += round.transactions;
    for (const [component, ms] of round.cpuMs) row.cpuMs.set(component, (row.cpuMs.get(component) ?? 0) + ms);
    rows.set(round.workload, row);
  }
  return [...rows.values()];
}

/** CPU milliseconds per committed transaction, by component, and their sum. */
export function cpuPerTransaction(
  rows: readonly CpuRow[],
  components: readonly string[],
): (string | number)[][] {
  return rows.map((row) => {
    const per = components.map((component) =>
      row.transactions > 0 ? (row.cpuMs.get(component) ?? 0) / row.transactions : Number.NaN,
    );
    const total = per.reduce((sum, value) => sum + value, 0);
    return [row.name, row.transactions, ...per.map((value) => value.toFixed(2)), total.toFixed(2)];
  });
}

const range = (value: Spread): string =>
  `${value.median.toFixed(1)} (${value.min.toFixed(1)}–${value.max.toFixed(1)})`;

export function throughputTable(rows: readonly ThroughputRow[]): string {
  return table(
    [
      'workload',
      'clients',
      'runs',
      'tx/s median (min–max)',
      'IQR',
      'cycles/s',
      'p50 ms',
      'p95 ms',
      'failed',
      'retried',
    ],
    rows.map((row) => [
      row.workload,
      row.clients,
      row.runs,
      range(row.rate),
      `${row.rate.q1.toFixed(1)}–${row.rate.q3.toFixed(1)}`,
      row.cycleRate ? row.cycleRate.median.toFixed(2) : '',
      row.p50Ms.toFixed(0),
      row.p95Ms.toFixed(0),
      row.failures,
      row.retries,
    ]),
  );
}

/** Latency of each life-cycle step over all steady rounds. */
export function stepLatencyTable(rounds: readonly RoundResult[], steps: readonly string[]): string {
  const cycleRounds = rounds.filter((round) => round.workload === 'life-cycle');
  return table(
    ['life-cycle step', 'tx', 'p50 ms', 'p95 ms'],
    steps.map((step) => {
      const samples = Samples.merge(
        step,
        cycleRounds.flatMap((round) => {
          const found = round.latency.get(step);
          return found ? [found] : [];
        }),
      );
      const ms = (q: number): string => (samples.count > 0 ? samples.quantile(q).toFixed(0) : '–');
      return [step, samples.count, ms(0.5), ms(0.95)];
    }),
  );
}

export function chartSeries(rows: readonly ThroughputRow[]): ChartSeries[] {
  const workloads = [...new Set(rows.map((row) => row.workload))];
  return workloads.map((workload) => ({
    name: workload,
    points: rows
      .filter((row) => row.workload === workload)
      .map((row) => ({
        clients: row.clients,
        median: row.rate.median,
        min: row.rate.min,
        max: row.rate.max,
      })),
  }));
}
