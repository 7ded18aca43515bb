import { SHA256_HEX } from '@scf/ledger-contract';
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
      description: 'The newest block this node has applied to its read model (-1 before any).',
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

const BLOCK = /^\d{1,19}$/;

builder.queryField('transactionApplied', (t) =>
  t.boolean({
    description:
      "Whether this node's read model already holds a transaction's writes. A client that wrote through " +
      "another org's node asks this (with the mutation's transactionId and blockNumber) before acting here: " +
      'each node reads its own peer, which may be moments behind.',
    args: {
      transactionId: t.arg.string({ required: true, validate: { regex: SHA256_HEX } }),
      blockNumber: t.arg.string({ required: true, validate: { regex: BLOCK } }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.hasApplied({ transactionId: args.transactionId, blockNumber: BigInt(args.blockNumber) }),
  }),
);
