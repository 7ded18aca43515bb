import { OBJECT_TYPES } from '../read-model/entity-kinds.ts';
import type { Change } from '../services/change-feed.ts';
import { builder } from './builder.ts';
import { requestOf, sessionTokenOf } from './context.ts';
import { mayRead } from './visibility.ts';

export const LedgerObjectType = builder.enumType('LedgerObjectType', {
  values: OBJECT_TYPES,
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

builder.subscriptionField('changes', (t) =>
  t.field({
    type: ChangeRef,
    description:
      'Changes to objects your enterprise is party to, as the node applies them (SSE). The stream ends ' +
      'when the session that opened it ends (logout, expiry, the user removed).',
    authScopes: { loggedIn: true },
    subscribe: async function* (_root, _args, ctx) {
      const user = ctx.user;
      const token = sessionTokenOf(ctx);
      if (!user || !token) return;
      // Ends the stream when the session that opened it ends, or when the client goes.
      const open = new AbortController();
      const close = (): void => {
        open.abort();
      };
      const clientGone = requestOf(ctx)?.signal;
      clientGone?.addEventListener('abort', close);
      void ctx.services.users.sessionEnds(token, open.signal).then(close);
      try {
        for await (const change of ctx.services.changes.listen(open.signal)) {
          // The same rule as every query's (schema/visibility.ts), applied to who the projector found may see it.
          if (mayRead(user, change.audience)) yield change;
        }
      } catch (error) {
        if (!open.signal.aborted) throw error;
      } finally {
        close();
        clientGone?.removeEventListener('abort', close);
      }
    },
    resolve: (change) => change,
  }),
);
