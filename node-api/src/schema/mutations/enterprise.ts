import { EnterpriseNode } from '../enterprise.ts';
import { builder } from '../builder.ts';
import { CREDIT_CODE, TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const Payload = nodePayload('Enterprise', 'enterprise', EnterpriseNode);
const KIND = builder.enumType('NewEnterpriseKind', {
  values: ['CORE', 'SUPPLIER', 'BANK', 'LOGISTICS', 'AUDITOR'] as const,
});
const STATUS = builder.enumType('EnterpriseStatusInput', { values: ['ACTIVE', 'SUSPENDED'] as const });

builder.mutationFields((t) => ({
  registerEnterprise: t.field({
    type: Payload,
    description: 'Registers an enterprise hosted by this org; its id is its unified social credit code.',
    authScopes: { roles: ['admin'] },
    ledgerWrite: true,
    args: {
      id: t.arg.string({ required: true, validate: CREDIT_CODE }),
      name: t.arg.string({ required: true, validate: TEXT.name }),
      kind: t.arg({ type: KIND, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.enterprise.Register({ id: args.id, name: args.name, kind: args.kind }),
      );
      return withNode(done, () => ctx.db.enterprise.findUnique({ where: { id: args.id } }));
    },
  }),
  setEnterpriseStatus: t.field({
    type: Payload,
    description: 'Suspends or reactivates an enterprise hosted by this org.',
    authScopes: { roles: ['admin'] },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: STATUS, required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.enterprise.SetStatus({ id, status: args.status }));
      return withNode(done, () => ctx.db.enterprise.findUnique({ where: { id } }));
    },
  }),
  setEnterpriseFourEyes: t.field({
    type: Payload,
    description:
      'Turns four eyes on or off for an enterprise hosted by this org: when on, its money-moving actions ' +
      'are prepared by one identity (prepareAction) and run only when another approves them ' +
      '(approveAction). Either change is recorded on the ledger with who made it.',
    authScopes: { roles: ['admin'] },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }), on: t.arg.boolean({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.enterprise.SetFourEyes({ id, on: args.on }));
      return withNode(done, () => ctx.db.enterprise.findUnique({ where: { id } }));
    },
  }),
}));
