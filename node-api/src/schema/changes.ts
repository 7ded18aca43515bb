import type { Change } from '../services/change-feed.ts';
import { builder } from './builder.ts';

export const LedgerObjectType = builder.enumType('LedgerObjectType', {
  values: ['enterprise', 'invoice', 'shipment', 'voucher', 'creditline', 'rate', 'financing'] as const,
});

const ChangeRef = builder.objectRef<Change>('Change').implement({
  description: 'A ledger object the read model just applied; query it by type and id for its new state.',
  fields: (t) => ({
    type: t.field({ type: LedgerObjectType, resolve: (change) => change.type }),
    id: t.exposeID('id'),
    transactionId: t.exposeString('transactionId'),
    blockNumber: t.string({ resolve: (change) => change.blockNumber.toString() }),
  }),
});

/** Public objects (enterprises, rates) reach everyone; the rest only the enterprises they name. */
function visibleTo(change: Change, enterpriseId: string): boolean {
  return change.type === 'enterprise' || change.type === 'rate' || change.parties.includes(enterpriseId);
}

builder.subscriptionField('changes', (t) =>
  t.field({
    type: ChangeRef,
    description: 'Changes to objects your enterprise is party to, as the node applies them (SSE).',
    authScopes: { loggedIn: true },
    subscribe: async function* (_root, _args, ctx) {
      const user = ctx.user;
      if (!user) return;
      for await (const change of ctx.services.changes.listen()) {
        if (visibleTo(change, user.enterpriseId)) yield change;
      }
    },
    resolve: (change) => change,
  }),
);
