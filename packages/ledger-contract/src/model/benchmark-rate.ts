import type { IsoDate } from '../dates.ts';
import type { LedgerRecord } from './record.ts';

export const RateTenors = ['1Y', '5Y'] as const;
export type RateTenor = (typeof RateTenors)[number];

/** PROPOSED: attested by fewer publisher orgs than the charter's quorum. PUBLISHED: in force. */
export const RateStatuses = ['PROPOSED', 'PUBLISHED'] as const;
export type RateStatus = (typeof RateStatuses)[number];

/** One publisher org's word on a rate, given by an admin of one of its BANK enterprises. */
export interface RateAttestation {
  mspId: string;
  enterpriseId: string;
  rateBps: number;
}

/**
 * A loan prime rate (LPR) in basis points, effective from a date; id is `${tenor}:${effectiveDate}`.
 * It is in force (PUBLISHED) once the charter's quorum of publisher orgs attested the same value.
 */
export interface BenchmarkRate extends LedgerRecord {
  docType: 'rate';
  tenor: RateTenor;
  /** The value that reached the quorum once PUBLISHED; until then the latest attestation's. */
  rateBps: number;
  effectiveDate: IsoDate;
  /** The enterprise whose attestation completed the quorum; until then the latest attester. */
  publishedBy: string;
  status: RateStatus;
  /** One per publisher org, sorted by mspId; an org may replace its own while PROPOSED. */
  attestations: RateAttestation[];
}
