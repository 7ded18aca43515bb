import type { LedgerRecord } from '@scf/ledger-contract';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { LedgerObjectType } from './changes.ts';
import { fromLedger } from './errors.ts';
import { visibleRow } from './loaders.ts';

interface Entry {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  record: LedgerRecord | null;
  blockNumber: bigint;
}

const HistoryEntry = builder.objectRef<Entry>('HistoryEntry').implement({
  description: 'One committed version of an object, read from the ledger itself (not the read model).',
  fields: (t) => ({
    transactionId: t.exposeString('txId'),
    blockNumber: t.string({ resolve: (entry) => entry.blockNumber.toString() }),
    timestamp: t.field({ type: 'DateTime', resolve: (entry) => new Date(entry.timestamp) }),
    deleted: t.exposeBoolean('isDelete'),
    submittedBy: t.string({ nullable: true, resolve: (entry) => entry.record?.updatedBy ?? null }),
    status: t.string({
      nullable: true,
      resolve: (entry) => {
        const status = (entry.record as { status?: unknown } | null)?.status;
        return typeof status === 'string' ? status : null;
      },
    }),
    snapshot: t.string({
      nullable: true,
      description: 'The object as this transaction wrote it, as JSON.',
      resolve: (entry) => (entry.record ? JSON.stringify(entry.record) : null),
    }),
  }),
});

builder.queryField('history', (t) =>
  t.field({
    type: [HistoryEntry],
    description:
      "Every version of an object you may see, oldest first, from the ledger's history with each " +
      "transaction's block number: the audit trail to check against any peer.",
    authScopes: { loggedIn: true },
    args: { type: t.arg({ type: LedgerObjectType, required: true }), id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      if (!(await visibleRow(ctx, ENTITY_KINDS[args.type].entity, id))) return [];
      const { serviceLedger, blocks } = ctx.services;
      try {
        const entries = (await serviceLedger.ledger.GetHistory({ type: args.type, id })) as Omit<
          Entry,
          'blockNumber'
        >[];
        return await Promise.all(
          entries.map(async (entry) => ({ ...entry, blockNumber: await blocks.blockOf(entry.txId) })),
        );
      } catch (error) {
        throw fromLedger(error);
      }
    },
  }),
);
