import type { FaultResult } from './drill.ts';

const HEADER = [
  'fault',
  'acknowledged',
  'lost',
  'duplicated',
  'unfinished',
  'reconcile',
  'recovery',
  'client errors by code',
];

function recovery(result: FaultResult, boundSeconds: number): string {
  return result.recoverySeconds === undefined
    ? `NOT within ${String(boundSeconds)} s`
    : `${result.recoverySeconds.toFixed(1)} s`;
}

/** The drill's results as a Markdown table, one row per fault. */
export function drillTable(results: readonly FaultResult[], boundSeconds: number): string {
  const rows = results.map((result) => [
    result.fault,
    String(result.acknowledged),
    String(result.lost),
    String(result.duplicated),
    String(result.unfinished),
    result.differences === 0 ? 'clean' : `${String(result.differences)} differences`,
    recovery(result, boundSeconds),
    result.errors.toString(),
  ]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(HEADER), rule, ...rows.map(line)].join('\n') + '\n';
}
