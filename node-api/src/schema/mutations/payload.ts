import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder.ts';
import type { Projection } from './submit.ts';

export const ProjectionStatus = builder.enumType('ProjectionStatus', {
  description:
    'APPLIED: the returned object already shows the write. PENDING: committed on the ledger, but this ' +
    'node had not applied it within the wait; it will shortly (watch `changes`).',
  values: ['APPLIED', 'PENDING'] as const satisfies readonly Projection[],
});

type Types = typeof builder.$inferSchemaTypes;

/** Fields every mutation payload starts with. */
export interface PayloadBase {
  projection: Projection;
  transactionId: string;
  blockNumber: bigint;
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
      blockNumber: t.string({ resolve: (p) => p.blockNumber.toString() }),
      // Pothos cannot check a resolver against the shape of a generic `Row`; `node` is a `Row` ref.
      [field]: t.field({ type: node, nullable: true, resolve: (p) => p.node as never }),
    }),
  });
}
