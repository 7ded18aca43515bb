import { CHARTER_ID, CharterProposalStatuses, EnterpriseKinds } from '@scf/ledger-contract';
import { Prisma, type Charter, type CharterProposal } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { EnterpriseKindEnum, member } from './enums.ts';
import { visibleRow } from './loaders.ts';
import { LedgerProof } from './proof.ts';
import { readVisible } from './read-rows.ts';

/** One member org's entry in the charter, as the read model stores it (jsonb). */
interface MemberEntry {
  mspId: string;
  kinds: string[];
}

/** Charter terms as stored in a row: members are jsonb, so they are checked on the way out. */
interface Terms {
  members: MemberEntry[];
  ratePublishers: string[];
  rateQuorum: number;
  exposureCaps: CapEntry[];
}

/** One consortium-wide cap: a core enterprise and the most all banks together may finance against it. */
interface CapEntry {
  debtorId: string;
  cap: bigint;
}

/** The caps as stored (jsonb `{ debtorId: fen }`, absent or `{}` for none), by debtor id. */
function capsOf(value: unknown): CapEntry[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('malformed charter exposure caps');
  return Object.entries(value as Record<string, unknown>)
    .map(([debtorId, cap]) => {
      if (typeof cap !== 'string') throw new Error('malformed charter exposure cap');
      return { debtorId, cap: BigInt(cap) };
    })
    .sort((a, b) => (a.debtorId < b.debtorId ? -1 : 1));
}

function membersOf(value: unknown): MemberEntry[] {
  if (!Array.isArray(value)) throw new Error('charter members in the read model are not a list');
  return value.map((entry: unknown) => {
    const { mspId, kinds } = (entry ?? {}) as Partial<MemberEntry>;
    if (typeof mspId !== 'string' || !Array.isArray(kinds)) throw new Error('malformed charter member');
    return { mspId, kinds };
  });
}

function termsOf(value: unknown): Terms {
  const { members, ratePublishers, rateQuorum, exposureCaps } = (value ?? {}) as Partial<
    Omit<Terms, 'exposureCaps'> & { exposureCaps: unknown }
  >;
  if (!Array.isArray(ratePublishers) || typeof rateQuorum !== 'number')
    throw new Error('malformed charter terms in the read model');
  return { members: membersOf(members), ratePublishers, rateQuorum, exposureCaps: capsOf(exposureCaps) };
}

const CharterMember = builder.objectRef<MemberEntry>('CharterMember').implement({
  description: 'A member org and the kinds of enterprise its admins may register.',
  fields: (t) => ({
    mspId: t.exposeString('mspId'),
    kinds: t.field({
      type: [EnterpriseKindEnum],
      resolve: (entry) => entry.kinds.map((kind) => member(EnterpriseKinds, kind)),
    }),
  }),
});

const ExposureCap = builder.objectRef<CapEntry>('ExposureCap').implement({
  description: 'A consortium-wide cap on what all banks together may finance against one core enterprise.',
  fields: (t) => ({
    debtorId: t.exposeID('debtorId'),
    cap: t.expose('cap', { type: 'Fen' }),
  }),
});

const CharterTerms = builder.objectRef<Terms>('CharterTerms').implement({
  description: 'What a charter says: member orgs and their kinds, and who publishes benchmark rates.',
  fields: (t) => ({
    members: t.field({ type: [CharterMember], resolve: (terms) => terms.members }),
    ratePublishers: t.exposeStringList('ratePublishers', {
      description: 'MSPs whose bank admins attest loan prime rates.',
    }),
    rateQuorum: t.exposeInt('rateQuorum', {
      description: 'How many publisher orgs must attest the same value before a rate is in force.',
    }),
    exposureCaps: t.field({
      type: [ExposureCap],
      description:
        'Consortium-wide caps per core enterprise (银发〔2025〕77号), by debtor id; empty for none.',
      resolve: (terms) => terms.exposureCaps,
    }),
  }),
});

export const CharterNode = builder.objectRef<Charter>(ENTITY_KINDS.charter.graphqlType).implement({
  description:
    'The consortium charter on the ledger: written when the channel was created and changed only ' +
    'by an amendment a majority of member orgs approved.',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    terms: t.field({ type: CharterTerms, resolve: (row) => termsOf(row) }),
    majority: t.int({
      description: 'Approvals an amendment needs: more than half of the member orgs.',
      resolve: (row) => Math.floor(membersOf(row.members).length / 2) + 1,
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

export const CharterProposalStatusEnum = builder.enumType('CharterProposalStatus', {
  description: 'OPEN: collecting approvals. ADOPTED: it became the charter. SUPERSEDED: overtaken.',
  values: CharterProposalStatuses,
});

export const CharterProposalNode = builder
  .objectRef<CharterProposal>(ENTITY_KINDS.charterproposal.graphqlType)
  .implement({
    description: 'A proposed amendment of the charter and the member orgs that approved it so far.',
    fields: (t) => ({
      id: t.exposeID('id'),
      baseVersion: t.exposeInt('baseVersion', { description: 'The charter version it amends.' }),
      terms: t.field({ type: CharterTerms, resolve: (row) => termsOf(row.terms) }),
      approvals: t.exposeStringList('approvals', { description: 'MSPs of the orgs that approved.' }),
      status: t.field({
        type: CharterProposalStatusEnum,
        resolve: (row) => member(CharterProposalStatuses, row.status),
      }),
      proposedBy: t.exposeString('proposedBy'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      proof: t.field({ type: LedgerProof, resolve: (row) => row }),
    }),
  });

builder.queryFields((t) => ({
  charter: t.field({
    type: CharterNode,
    nullable: true,
    description: 'The consortium charter in force (null before the network established it).',
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) => visibleRow(ctx, 'charter', CHARTER_ID),
  }),
  charterProposals: t.field({
    type: [CharterProposalNode],
    description: 'Amendments of the charter, newest first; OPEN ones unless a status is given.',
    authScopes: { loggedIn: true },
    args: { status: t.arg({ type: CharterProposalStatusEnum, defaultValue: 'OPEN' }) },
    resolve: (_root, args, ctx) =>
      readVisible(ctx.db, ctx.user, 'charterProposal', {
        where: [Prisma.sql`"status" = ${args.status ?? 'OPEN'}`],
        orderBy: Prisma.sql`"created_at" DESC, "id"`,
        limit: 100,
      }),
  }),
}));
