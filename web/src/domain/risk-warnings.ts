import { daysBetween } from '@scf/ledger-contract';
import { parseFen } from './money';

/** Thresholds a credit officer would watch; constants so the rule reads in one place. */
export const RISK_THRESHOLDS = {
  /** A line used at or above this share (bps) is near its limit. */
  lineNearLimitBps: 8_000,
  /** One debtor holding more than this share (bps) of the exposure is a concentration. */
  concentrationBps: 4_000,
  /** An active line expiring within this many days needs renewing. */
  lineExpiryDays: 30,
} as const;

export interface RiskFacts {
  asOf: string;
  overdue: { amount: string; count: number };
  creditLineUsage: readonly {
    usageBps: number;
    limit: string;
    used: string;
    line: { id: string; expiryDate: string; status: string; debtor: { id: string; name: string } };
  }[];
  exposureByDebtor: readonly { amount: string; debtor: { id: string; name: string } }[];
}

export type RiskKind = 'overdue' | 'lineExhausted' | 'lineNearLimit' | 'lineExpiring' | 'concentration';

export interface RiskWarning {
  kind: RiskKind;
  severity: 'danger' | 'warning';
  /** The debtor or line it is about, when it is about one. */
  subject: string | null;
  /** Values for the i18n message under `risk.message.<kind>`. */
  params: Record<string, string | number>;
}

/** Share of a in total, in basis points rounded down; 0 when there is no total. */
function shareBps(part: bigint, total: bigint): number {
  return total === 0n ? 0 : Number((part * 10_000n) / total);
}

/** Warnings from the dashboard's figures, the most serious first. */
export function riskWarnings(facts: RiskFacts): RiskWarning[] {
  const warnings: RiskWarning[] = [];
  if (facts.overdue.count > 0) {
    warnings.push({
      kind: 'overdue',
      severity: 'danger',
      subject: null,
      params: { count: facts.overdue.count, amount: facts.overdue.amount },
    });
  }
  for (const usage of facts.creditLineUsage) {
    const subject = usage.line.debtor.name;
    if (usage.usageBps >= 10_000) {
      warnings.push({
        kind: 'lineExhausted',
        severity: 'danger',
        subject,
        params: { usageBps: usage.usageBps },
      });
    } else if (usage.usageBps >= RISK_THRESHOLDS.lineNearLimitBps) {
      warnings.push({
        kind: 'lineNearLimit',
        severity: 'warning',
        subject,
        params: { usageBps: usage.usageBps },
      });
    }
    const days = daysBetween(facts.asOf, usage.line.expiryDate);
    if (usage.line.status === 'ACTIVE' && days <= RISK_THRESHOLDS.lineExpiryDays) {
      warnings.push({
        kind: 'lineExpiring',
        severity: 'warning',
        subject,
        params: { days, date: usage.line.expiryDate },
      });
    }
  }
  const total = facts.exposureByDebtor.reduce((sum, row) => sum + parseFen(row.amount), 0n);
  // A lone debtor is 100% of the book by definition; concentration only means something among several.
  if (facts.exposureByDebtor.length > 1) {
    for (const row of facts.exposureByDebtor) {
      const share = shareBps(parseFen(row.amount), total);
      if (share > RISK_THRESHOLDS.concentrationBps) {
        warnings.push({
          kind: 'concentration',
          severity: 'warning',
          subject: row.debtor.name,
          params: { shareBps: share },
        });
      }
    }
  }
  const rank = { danger: 0, warning: 1 } as const;
  return warnings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
