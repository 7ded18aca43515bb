import type { RegistryEntry } from '@scf/ledger-contract';
import type { Financing } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';

/** A financing row that carries a registration: its bank registered the receivable and disbursed. */
type Registered = Financing & { registrationNumber: string; registeredAt: Date; registrantId: string };
/** A financing row whose debtor was noticed of the assignment. */
type Noticed = Registered & { noticedAt: Date };

/** The financing's registration, if it has one (only a disbursed financing does). */
export function registrationOf(row: Financing): Registered | null {
  const { registrationNumber, registeredAt, registrantId } = row;
  return registrationNumber !== null && registeredAt !== null && registrantId !== null
    ? { ...row, registrationNumber, registeredAt, registrantId }
    : null;
}

/** The financing's notice of assignment, if its debtor was noticed (at disbursement). */
export function noticeOf(row: Financing): Noticed | null {
  const registered = registrationOf(row);
  return registered !== null && row.noticedAt !== null ? { ...registered, noticedAt: row.noticedAt } : null;
}

const RegistryEntryNode = builder.objectRef<RegistryEntry>('RegistryEntry');

RegistryEntryNode.implement({
  description: 'A registration the registry held for the receivable when the bank searched it.',
  fields: (t) => ({
    registrationNumber: t.exposeString('registrationNumber'),
    registeredAt: t.field({ type: 'DateTime', resolve: (entry) => new Date(entry.registeredAt) }),
    registrantId: t.exposeID('registrantId'),
  }),
});

/** The search result as the read model keeps it (JSONB written from the ledger's record). */
function searchResultOf(row: Financing): RegistryEntry[] {
  return Array.isArray(row.registrySearchResult)
    ? (row.registrySearchResult as unknown as RegistryEntry[])
    : [];
}

export const FinancingRegistrationNode = builder.objectRef<Registered>('FinancingRegistration');

FinancingRegistrationNode.implement({
  description:
    'The receivable’s registration at the movable-property financing registry (中登), made by the bank ' +
    'before it disbursed (银发〔2025〕77号). Registrations are public at the registry; no offer term is in it.',
  fields: (t) => ({
    registrationNumber: t.exposeString('registrationNumber'),
    registeredAt: t.expose('registeredAt', { type: 'DateTime', description: 'By the registry’s clock.' }),
    registrantId: t.exposeID('registrantId'),
    registrant: t.field({
      type: EnterpriseNode,
      description: 'The registering bank.',
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.registrantId),
    }),
    registrantMsp: t.exposeString('registrantMsp', { nullable: true }),
    searchedAt: t.expose('registrySearchedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the bank searched the registry for the receivable, before registering.',
    }),
    searchResult: t.field({
      type: [RegistryEntryNode],
      description:
        'What that search found: empty, or only the bank’s own registration (a retried disbursement). ' +
        'The ledger refuses a disbursement whose search shows another party’s registration.',
      resolve: searchResultOf,
    }),
  }),
});

export const AssignmentNoticeNode = builder.objectRef<Noticed>('AssignmentNotice');

AssignmentNoticeNode.implement({
  description:
    'The notice of assignment to the debtor (民法典 Art. 768), recorded on the ledger with the ' +
    'disbursement: the voucher’s receivable now belongs to the bank, which the debtor pays at maturity.',
  fields: (t) => ({
    noticedAt: t.expose('noticedAt', { type: 'DateTime' }),
    assignor: t.field({
      type: EnterpriseNode,
      description: 'Who held the voucher and assigned it.',
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.applicantId),
    }),
    assignee: t.field({
      type: EnterpriseNode,
      description: 'Who the debtor pays at maturity from now on: the financing bank.',
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.bankId),
    }),
    registrationNumber: t.exposeString('registrationNumber'),
  }),
});
