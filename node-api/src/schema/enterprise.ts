import { EnterpriseKinds, EnterpriseStatuses } from '@scf/ledger-contract';
import type { Enterprise } from '../db/generated/client.ts';
import { ENTITY_KINDS } from '../read-model/entity-kinds.ts';
import { builder } from './builder.ts';
import { TOTAL_COUNT, visibleConnection } from './connection.ts';
import type { Context } from './context.ts';
import { EnterpriseKindEnum, EnterpriseStatusEnum, member } from './enums.ts';
import { equals, ilike, oneOf, search } from './filters.ts';
import { visibleRow } from './loaders.ts';
import { ordering } from './ordering.ts';
import { LedgerProof } from './proof.ts';

/** A legal entity on the network (public to every logged-in user). */
export const EnterpriseNode = builder.objectRef<Enterprise>(ENTITY_KINDS.enterprise.graphqlType);

EnterpriseNode.implement({
  description: 'A legal entity on the network, identified by its unified social credit code.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.field({ type: EnterpriseKindEnum, resolve: (row) => member(EnterpriseKinds, row.kind) }),
    hostMsp: t.exposeString('hostMsp', { description: 'The member org whose node hosts it.' }),
    status: t.field({ type: EnterpriseStatusEnum, resolve: (row) => member(EnterpriseStatuses, row.status) }),
    fourEyes: t.exposeBoolean('fourEyes', {
      description: 'Its money-moving actions need two identities: one prepares, another approves.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    proof: t.field({ type: LedgerProof, resolve: (row) => row }),
  }),
});

/** The enterprise a row names: the ledger registers it before anything can name it, so it is there. */
export async function enterpriseNamed(ctx: Context, id: string): Promise<Enterprise> {
  const row = await visibleRow(ctx, 'enterprise', id);
  if (!row) throw new Error(`enterprise ${id} is missing from the read model`);
  return row;
}

const EnterpriseFilter = builder.inputType('EnterpriseFilter', {
  fields: (t) => ({
    kinds: t.field({ type: [EnterpriseKindEnum] }),
    statuses: t.field({ type: [EnterpriseStatusEnum] }),
    hostMsp: t.string(),
    search: t.string({ description: 'Part of the name or of the credit code.' }),
  }),
});

const order = ordering(
  'Enterprise',
  { NAME: 'name', KIND: 'kind', CREATED_AT: 'created_at' },
  { field: 'NAME', direction: 'ASC' },
);

builder.queryFields((t) => ({
  enterprise: t.field({
    type: EnterpriseNode,
    nullable: true,
    description: 'An enterprise by its unified social credit code, or null.',
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => visibleRow(ctx, 'enterprise', args.id),
  }),
  enterprises: t.connection(
    {
      type: EnterpriseNode,
      description: 'Every enterprise on the network (public); by name unless ordered otherwise.',
      authScopes: { loggedIn: true },
      args: { filter: t.arg({ type: EnterpriseFilter }), orderBy: t.arg({ type: order.input }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter;
        return visibleConnection(ctx, 'enterprise', args, {
          where: [
            ...oneOf('kind', filter?.kinds),
            ...oneOf('status', filter?.statuses),
            ...equals('host_msp', filter?.hostMsp),
            ...search(filter?.search, (pattern) => [ilike('name', pattern), ilike('id', pattern)]),
          ],
          orderBy: order.toSql(args.orderBy),
        });
      },
    },
    {
      name: 'EnterpriseConnection',
      fields: (c) => ({
        totalCount: c.int({ description: TOTAL_COUNT, resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'EnterpriseEdge' },
  ),
}));
