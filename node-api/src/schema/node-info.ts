import { builder } from './builder.ts';

interface Info {
  org: string;
  mspId: string;
  appliedBlock: bigint;
}

const NodeInfo = builder.objectRef<Info>('NodeInfo').implement({
  fields: (t) => ({
    org: t.exposeString('org'),
    mspId: t.exposeString('mspId'),
    appliedBlock: t.string({
      description:
        'The newest block this node has applied to its read model (-1 before any). A client that wrote ' +
        "through another org's node waits until this reaches that write's block before acting here.",
      resolve: (info) => info.appliedBlock.toString(),
    }),
  }),
});

builder.queryField('nodeInfo', (t) =>
  t.field({
    description: 'Which member org this node serves, and how far it has read the ledger (public).',
    type: NodeInfo,
    resolve: (_root, _args, ctx) => ({
      org: ctx.services.config.SCF_ORG,
      mspId: ctx.services.config.SCF_MSP_ID,
      appliedBlock: ctx.services.appliedBlock(),
    }),
  }),
);
