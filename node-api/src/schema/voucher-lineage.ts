import type { Voucher } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { VoucherNode } from './voucher.ts';

/** Deeper than any real supply chain; stops a corrupted parent cycle from looping. */
const MAX_TIERS = 50;

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
      while (parentId && chain.length < MAX_TIERS) {
        const parent = await ctx.db.voucher.findUnique({ where: { id: parentId } });
        if (!parent) break;
        chain.unshift(parent);
        parentId = parent.parentId;
      }
      return chain;
    },
  }),
);
