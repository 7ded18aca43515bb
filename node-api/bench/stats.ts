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
