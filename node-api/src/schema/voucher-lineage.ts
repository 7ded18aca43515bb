import { MAX_LINEAGE_STEPS } from '@scf/ledger-contract';
import type { Voucher } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { VoucherNode } from './voucher.ts';

builder.objectField(VoucherNode, 'lineage', (t) =>
  t.field({
    type: [VoucherNode],
    description:
      'Where this piece of credit came from: the root voucher the debtor issued first, then each split ' +
      'down to this piece. Whoever may see a piece may see its lineage (a tier-2 supplier sees the tier-1 ' +
      "voucher it was split from), but not the ancestors' other pieces.",
    resolve: async (row, _args, ctx) => {
      const chain: Voucher[] = [row];
      let parentId = row.parentId;
      // As many parent links as the ledger's own lineage walk follows: a corrupted cycle cannot loop.
      while (parentId && chain.length <= MAX_LINEAGE_STEPS) {
        const parent = await ctx.db.voucher.findUnique({ where: { id: parentId } });
        if (!parent) break;
        chain.unshift(parent);
        parentId = parent.parentId;
      }
      return chain;
    },
  }),
);
