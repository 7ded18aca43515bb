import { builder } from './builder.ts';

const NodeInfo = builder.objectRef<{ org: string; mspId: string }>('NodeInfo').implement({
  fields: (t) => ({ org: t.exposeString('org'), mspId: t.exposeString('mspId') }),
});

builder.queryField('nodeInfo', (t) =>
  t.field({
    description: 'Which member org this node serves (public: the portal shows it before login).',
    type: NodeInfo,
    resolve: (_root, _args, ctx) => ({
      org: ctx.services.config.SCF_ORG,
      mspId: ctx.services.config.SCF_MSP_ID,
    }),
  }),
);
