import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder.ts';
import type { Projection } from './submit.ts';

export const ProjectionStatus = builder.enumType('ProjectionStatus', {
  description:
    'APPLIED: the returned object already shows the write. PENDING: this node has not seen it applied ' +
    'yet. With a `blockNumber` it is committed and will show shortly (watch `changes`); without one its ' +
    'commit was not seen in time, so it may not even be committed: ask `transactionStatus` (by ' +
    '`transactionId` or `clientRequestId`) before doing it again.',
  values: ['APPLIED', 'PENDING'] as const satisfies readonly Projection[],
});

/** The block of a payload: null while the commit was not seen. */
export const BLOCK_NUMBER_DESCRIPTION =
  'The block holding the transaction; null while its commit was not seen (projection PENDING).';

type Types = typeof builder.$inferSchemaTypes;

/** Fields every mutation payload starts with. */
export interface PayloadBase {
  projection: Projection;
  transactionId: string;
  blockNumber: bigint | null;
}

export type NodePayload<Row> = PayloadBase & { node: Row | null };

/**
 * `<Name>Payload { projection transactionId blockNumber <field> }`: the committed write and the object
 * as the read model now holds it (null while PENDING).
 */
export function nodePayload<Row>(
  name: string,
  field: string,
  node: ObjectRef<Types, Row>,
): ObjectRef<Types, NodePayload<Row>> {
  return builder.objectRef<NodePayload<Row>>(`${name}Payload`).implement({
    fields: (t) => ({
      projection: t.field({ type: ProjectionStatus, resolve: (p) => p.projection }),
      transactionId: t.exposeString('transactionId'),
      blockNumber: t.string({
        nullable: true,
        description: BLOCK_NUMBER_DESCRIPTION,
        resolve: (p) => p.blockNumber?.toString() ?? null,
      }),
      // Pothos cannot check a resolver against the shape of a generic `Row`; `node` is a `Row` ref.
      [field]: t.field({ type: node, nullable: true, resolve: (p) => p.node as never }),
    }),
  });
}
