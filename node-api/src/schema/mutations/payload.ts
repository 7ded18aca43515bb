import { builder } from '../builder.ts';
import type { Projection } from './submit.ts';

export const ProjectionStatus = builder.enumType('ProjectionStatus', {
  description:
    'APPLIED: the returned object already shows the write. PENDING: committed on the ledger, but this ' +
    'node had not applied it within the wait; it will shortly (watch `changes`).',
  values: ['APPLIED', 'PENDING'] as const satisfies readonly Projection[],
});

/** Fields every mutation payload starts with. */
export interface PayloadBase {
  projection: Projection;
  transactionId: string;
  blockNumber: bigint;
}
