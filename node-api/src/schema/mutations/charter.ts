import type { CharterTerms } from '@scf/ledger-contract';
import { builder } from '../builder.ts';
import { CharterProposalNode } from '../charter.ts';
import { EnterpriseKindEnum } from '../enums.ts';
import { TEXT } from './limits.ts';
import { nodePayload } from './payload.ts';
import { submitAs, withNode } from './submit.ts';

const ProposalPayload = nodePayload('CharterProposal', 'proposal', CharterProposalNode);
const ORG_ADMIN = { roles: ['admin'] } as const;

const CharterMemberInput = builder.inputType('CharterMemberInput', {
  fields: (t) => ({
    mspId: t.string({ required: true, validate: TEXT.id }),
    kinds: t.field({ type: [EnterpriseKindEnum], required: true }),
  }),
});

const ExposureCapInput = builder.inputType('ExposureCapInput', {
  fields: (t) => ({
    debtorId: t.id({ required: true }),
    cap: t.field({ type: 'Fen', required: true }),
  }),
});

const CharterTermsInput = builder.inputType('CharterTermsInput', {
  description: 'A whole new charter: the ledger checks it (publishers among the members, quorum in range).',
  fields: (t) => ({
    members: t.field({ type: [CharterMemberInput], required: true }),
    ratePublishers: t.stringList({ required: true }),
    rateQuorum: t.int({ required: true, validate: { min: 1, max: 100 } }),
    exposureCaps: t.field({
      type: [ExposureCapInput],
      description:
        'Consortium-wide caps on what all banks together may finance per core enterprise; omitted or ' +
        'empty for none. Every proposal states the whole charter: leaving them out lifts the caps in force.',
    }),
  }),
});

type TermsInput = typeof CharterTermsInput.$inferInput;

/** The terms as the ledger takes them: caps as `{ debtorId: fen }`, and no key at all for none. */
function ledgerTerms(input: TermsInput): CharterTerms {
  const { exposureCaps, ...rest } = input;
  const caps = exposureCaps ?? [];
  return {
    ...rest,
    ...(caps.length === 0
      ? {}
      : { exposureCaps: Object.fromEntries(caps.map((entry) => [entry.debtorId, String(entry.cap)])) }),
  };
}

builder.mutationFields((t) => ({
  proposeCharterAmendment: t.field({
    type: ProposalPayload,
    description:
      "An org admin proposes a new charter; it counts as the proposing org's approval. It takes effect " +
      'once a majority of member orgs approved it.',
    authScopes: { roles: [...ORG_ADMIN.roles] },
    ledgerWrite: true,
    args: { terms: t.arg({ type: CharterTermsInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const done = await submitAs(ctx, (ledger) =>
        ledger.charter.Propose({ termsJson: ledgerTerms(args.terms) }),
      );
      return withNode(done, () => ctx.db.charterProposal.findUnique({ where: { id: done.value.id } }));
    },
  }),
  approveCharterAmendment: t.field({
    type: ProposalPayload,
    description:
      'An org admin approves a proposed amendment for its org; the approval that makes a majority ' +
      'adopts it as the charter.',
    authScopes: { roles: [...ORG_ADMIN.roles] },
    ledgerWrite: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = args.id;
      const done = await submitAs(ctx, (ledger) => ledger.charter.Approve({ proposalId: id }));
      return withNode(done, () => ctx.db.charterProposal.findUnique({ where: { id } }));
    },
  }),
}));
