import type { ReadEntity } from './entity-kinds.ts';

/** Read-model fields whose column is not the snake_case of their name (schema.prisma's `@map`). */
const RENAMED: Partial<Record<ReadEntity, Readonly<Record<string, string>>>> = {
  voucher: {
    lateRateBasis: 'late_interest_basis',
    lateRateBps: 'late_interest_bps',
    lateAgreedBps: 'late_interest_agreed_bps',
    lateFloorBps: 'late_interest_floor_bps',
    paidLateDays: 'paid_late_interest_days',
    disputeEndedBy: 'dispute_resolved_by',
    disputeEndedAt: 'dispute_resolved_at',
  },
};

/** A field's column in SQL, for the SQL the node writes itself: snake_case unless the schema maps it otherwise. */
export function columnOf(entity: ReadEntity, field: string): string {
  return RENAMED[entity]?.[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
