import { type BenchmarkRate as LedgerRate, RateStatuses, RateTenors } from '@scf/ledger-contract';
import type { BenchmarkRate } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { member, RateTenorEnum } from './enums.ts';
import { DayRange, inDays, oneOf } from './filters.ts';
import { visibleRow } from './loaders.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';

export const RateStatusEnum = builder.enumType('RateStatus', {
  description:
    'PROPOSED: attested by fewer publisher orgs than the charter’s quorum. PUBLISHED: in force; only ' +
    'published rates price offers.',
  values: RateStatuses,
});

type Attestation = LedgerRate['attestations'][number];

const RateAttestation = builder.objectRef<Attestation>('RateAttestation').implement({
  description: 'One publisher org’s word on a rate.',
  fields: (t) => ({
    mspId: t.exposeString('mspId'),
    enterpriseId: t.exposeID('enterpriseId'),
    rateBps: t.exposeInt('rateBps'),
  }),
});

function attestationsOf(value: unknown): Attestation[] {
  return Array.isArray(value) ? (value as Attestation[]) : [];
}

/** A loan prime rate (public to every logged-in user): offers price against the published ones. */
export const BenchmarkRateNode = builder.objectRef<BenchmarkRate>(ENTITY_KINDS.rate.graphqlType);

BenchmarkRateNode.implement({
  description: 'A loan prime rate (LPR) of one tenor, effective from a day; id is `tenor:effectiveDate`.',
  fields: (t) => ({
    id: t.exposeID('id'),
    tenor: t.field({ type: RateTenorEnum, resolve: (row) => member(RateTenors, row.tenor) }),
    rateBps: t.exposeInt('rateBps'),
    effectiveDate: t.expose('effectiveDate', { type: 'Date' }),
    status: t.field({ type: RateStatusEnum, resolve: (row) => member(RateStatuses, row.status) }),
    attestations: t.field({
      type: [RateAttestation],
      description: 'Which publisher orgs attested which value.',
      resolve: (row) => attestationsOf(row.attestations),
    }),
    publishedBy: t.exposeID('publishedBy'),
    publisher: t.field({
      type: EnterpriseNode,
      description: 'The bank whose attestation completed the quorum (or the latest attester while PROPOSED).',
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.publishedBy),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

const BenchmarkRateFilter = builder.inputType('BenchmarkRateFilter', {
  fields: (t) => ({
    tenors: t.field({ type: [RateTenorEnum] }),
    effectiveDate: t.field({ type: DayRange }),
    statuses: t.field({ type: [RateStatusEnum], description: 'PUBLISHED only unless given.' }),
  }),
});

const order = ordering(
  'BenchmarkRate',
  { EFFECTIVE_DATE: 'effective_date', RATE_BPS: 'rate_bps' },
  { field: 'EFFECTIVE_DATE', direction: 'DESC' },
);

builder.queryFields((t) => ({
  benchmarkRate: t.field({
    type: BenchmarkRateNode,
    nullable: true,
    description: 'A rate by id (`1Y:2026-01-20`), or null.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'benchmarkRate', args.id),
  }),
  benchmarkRates: t.connection(
    {
      type: BenchmarkRateNode,
      description:
        'Loan prime rates (published ones unless filtered otherwise); latest effective date first.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: BenchmarkRateFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'benchmarkRate', args, {
          where: [
            ...oneOf('tenor', filter?.tenors),
            ...inDays('effective_date', filter?.effectiveDate),
            ...oneOf('status', filter?.statuses ?? ['PUBLISHED']),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'BenchmarkRateConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'BenchmarkRateEdge' },
  ),
}));
