/** Latency samples of one kind of transaction, and the table rows a benchmark prints. */
export class Samples {
  readonly name: string;
  private readonly values: number[] = [];

  constructor(name: string) {
    this.name = name;
  }

  /** All samples of several kinds together. */
  static merge(name: string, parts: Samples[]): Samples {
    const merged = new Samples(name);
    for (const part of parts) merged.values.push(...part.values);
    return merged;
  }

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** The q-quantile (0..1) by nearest rank. */
  quantile(q: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[rank] ?? Number.NaN;
  }
}

/** Times one call and records it. */
export async function timed<T>(samples: Samples, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await call();
  samples.add(performance.now() - started);
  return result;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}

/** The middle and the range of a few repeated measurements (runs of one round). */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** First and third quartile, by linear interpolation between ranks. */
  q1: number;
  q3: number;
}

function interpolated(sorted: number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - below);
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: interpolated(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    q1: interpolated(sorted, 0.25),
    q3: interpolated(sorted, 0.75),
  };
}

/** `numerator / denominator` to two decimals, or '–' when either is missing or the denominator is 0. */
export function ratio(numerator: number | undefined, denominator: number | undefined): string {
  if (numerator === undefined || denominator === undefined || !(denominator > 0) || Number.isNaN(numerator))
    return '–';
  return (numerator / denominator).toFixed(2);
}
