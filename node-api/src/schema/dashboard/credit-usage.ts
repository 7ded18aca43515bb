import type { SessionUser } from '../../auth/session-user.ts';
import type { Database } from '../../db/client.ts';
import type { CreditLine } from '../../db/generated/client.ts';
import { readVisible } from '../read-rows.ts';

/** What is left of a line: never negative, even when a lowered limit is below what is in use. */
export function availableOf(line: { limit: bigint; used: bigint }): bigint {
  return line.limit > line.used ? line.limit - line.used : 0n;
}

/** How much of a credit line is in use. */
export interface LineUsage {
  line: CreditLine;
  available: bigint;
  /** used / limit in basis points, rounded down (above 10,000 when a lowered limit is overdrawn). */
  usageBps: number;
}

/** Usage of every visible credit line, fullest first. */
export async function creditLineUsage(db: Database, user: SessionUser): Promise<LineUsage[]> {
  const lines = await readVisible(db, user, 'creditLine', {});
  return lines
    .map((line) => ({
      line,
      available: availableOf(line),
      usageBps: line.limit > 0n ? Number((line.used * 10_000n) / line.limit) : 0,
    }))
    .sort((a, b) => b.usageBps - a.usageBps || a.line.id.localeCompare(b.line.id));
}
