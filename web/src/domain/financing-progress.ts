import type { FinancingStatus } from '@/api/generated/graphql';

/** The path a financing normally takes. */
export const FINANCING_PATH = ['APPLIED', 'OFFERED', 'ACCEPTED', 'DISBURSED', 'SETTLED'] as const;

/** Where a financing stopped without reaching settlement, and after which step. */
const ENDED_AFTER: Partial<Record<FinancingStatus, (typeof FINANCING_PATH)[number]>> = {
  WITHDRAWN: 'APPLIED',
  REJECTED: 'APPLIED',
  EXPIRED: 'OFFERED',
};

export interface FinancingProgress {
  /** Index in FINANCING_PATH of the last step reached. */
  reached: number;
  /** Set when it ended off the path (rejected, withdrawn, expired). */
  endedAs: FinancingStatus | null;
}

/**
 * How far a financing got. A rejection may come before or after an offer: with `offered` (the financing
 * has an offer validity) it counts as ended after OFFERED.
 */
export function financingProgress(status: FinancingStatus, offered: boolean): FinancingProgress {
  const onPath = FINANCING_PATH.indexOf(status as (typeof FINANCING_PATH)[number]);
  if (onPath >= 0) return { reached: onPath, endedAs: null };
  // Put back to the applicant under recourse: it was disbursed, and ends instead of settling.
  if (status === 'BOUGHT_BACK') return { reached: FINANCING_PATH.indexOf('DISBURSED'), endedAs: status };
  const after = offered ? 'OFFERED' : (ENDED_AFTER[status] ?? 'APPLIED');
  return { reached: FINANCING_PATH.indexOf(after), endedAs: status };
}
