import { builder } from './builder.ts';

/** Columns every read-model row of a ledger object carries (see prisma/schema.prisma). */
export interface ProvenRow {
  txId: string;
  blockNumber: bigint;
  updatedAt: Date;
  updatedBy: string;
}

/** Where the current state of an object was written on the ledger: check it against any peer. */
export const LedgerProof = builder.objectRef<ProvenRow>('LedgerProof').implement({
  description: 'The transaction and block that wrote the current state of an object.',
  fields: (t) => ({
    transactionId: t.exposeString('txId'),
    blockNumber: t.string({ resolve: (row) => row.blockNumber.toString() }),
    timestamp: t.field({ type: 'DateTime', resolve: (row) => row.updatedAt }),
    submittedBy: t.exposeString('updatedBy', { description: 'The submitting identity (MSP and name).' }),
  }),
});
