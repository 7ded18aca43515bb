import { EnterpriseKinds } from '@scf/ledger-contract';
import type {
  CharterTermsFieldsFragment,
  CharterTermsInput,
  EnterpriseKind,
  RateFieldsFragment,
} from '@/api/generated/graphql';

/**
 * The kinds of enterprise an org's admins may register under the charter (none without a charter, or
 * for an org the charter does not name), in the ledger's order (EnterpriseKinds).
 */
export function hostableKinds(
  terms: CharterTermsFieldsFragment | null | undefined,
  mspId: string | null | undefined,
): EnterpriseKind[] {
  const member = terms?.members.find((entry) => entry.mspId === mspId);
  return member ? EnterpriseKinds.filter((kind) => member.kinds.includes(kind)) : [];
}

/** Why an org may register nothing: no charter yet, or the charter gives its MSP no kinds. */
export type HostingGap = 'noCharter' | 'noKinds';

export function hostingGap(
  terms: CharterTermsFieldsFragment | null | undefined,
  mspId: string | null | undefined,
): HostingGap | null {
  if (!terms) return 'noCharter';
  return hostableKinds(terms, mspId).length === 0 ? 'noKinds' : null;
}

/** Whether an org is one of the charter's loan prime rate publishers. */
export function isRatePublisher(
  terms: CharterTermsFieldsFragment | null | undefined,
  mspId: string | null | undefined,
): boolean {
  return mspId != null && (terms?.ratePublishers.includes(mspId) ?? false);
}

/** Whether an org could add its attestation to a rate still short of the quorum. */
export function canAttest(
  rate: Pick<RateFieldsFragment, 'status' | 'attestations'>,
  terms: CharterTermsFieldsFragment | null | undefined,
  mspId: string | null | undefined,
): boolean {
  return (
    rate.status === 'PROPOSED' &&
    isRatePublisher(terms, mspId) &&
    !rate.attestations.some((attestation) => attestation.mspId === mspId)
  );
}

/** How many publisher orgs attested exactly this value. */
export function agreeingAttestations(rate: Pick<RateFieldsFragment, 'rateBps' | 'attestations'>): number {
  return rate.attestations.filter((attestation) => attestation.rateBps === rate.rateBps).length;
}

/** What the ledger refuses in a proposed charter (network/scripts/config.ts checks the founding one alike). */
export type CharterProblem = 'memberKinds' | 'publishers' | 'quorum' | 'unchanged';

export function charterProblems(
  draft: CharterTermsInput,
  current: CharterTermsFieldsFragment | null,
): CharterProblem[] {
  const problems: CharterProblem[] = [];
  if (draft.members.some((member) => member.kinds.length === 0)) problems.push('memberKinds');
  const mspIds = draft.members.map((member) => member.mspId);
  const publishers = draft.ratePublishers;
  if (publishers.length === 0 || publishers.some((mspId) => !mspIds.includes(mspId))) {
    problems.push('publishers');
  }
  const quorum = draft.rateQuorum;
  if (!Number.isInteger(quorum) || quorum < 1 || quorum > publishers.length) problems.push('quorum');
  if (current && sameTerms(draft, current)) problems.push('unchanged');
  return problems;
}

/** Terms with their lists sorted, so two charters compare by what they say. */
export function normalizedTerms(terms: CharterTermsInput | CharterTermsFieldsFragment): CharterTermsInput {
  const sorted = <T extends string>(values: readonly T[]): T[] => [...values].sort();
  return {
    members: terms.members
      .map((member) => ({ mspId: member.mspId, kinds: sorted(member.kinds) }))
      .sort((a, b) => (a.mspId < b.mspId ? -1 : a.mspId > b.mspId ? 1 : 0)),
    ratePublishers: sorted(terms.ratePublishers),
    rateQuorum: terms.rateQuorum,
    // A proposal states the whole charter: the caps in force travel with any other change.
    exposureCaps: (terms.exposureCaps ?? [])
      .map((entry) => ({ debtorId: entry.debtorId, cap: entry.cap }))
      .sort((a, b) => (a.debtorId < b.debtorId ? -1 : a.debtorId > b.debtorId ? 1 : 0)),
  };
}

function sameTerms(a: CharterTermsInput, b: CharterTermsFieldsFragment): boolean {
  return JSON.stringify(normalizedTerms(a)) === JSON.stringify(normalizedTerms(b));
}

/** What an amendment changes: member orgs added or given other kinds, removed ones, the rate terms. */
export interface TermsChanges {
  members: string[];
  removed: string[];
  ratePublishers: boolean;
  rateQuorum: boolean;
}

export function termsChanges(
  current: CharterTermsFieldsFragment | CharterTermsInput,
  proposed: CharterTermsFieldsFragment | CharterTermsInput,
): TermsChanges {
  const before = normalizedTerms(current);
  const after = normalizedTerms(proposed);
  const kindsBefore = new Map(before.members.map((member) => [member.mspId, member.kinds.join()]));
  return {
    members: after.members
      .filter((member) => kindsBefore.get(member.mspId) !== member.kinds.join())
      .map((member) => member.mspId),
    removed: before.members
      .filter((member) => !after.members.some((entry) => entry.mspId === member.mspId))
      .map((member) => member.mspId),
    ratePublishers: before.ratePublishers.join() !== after.ratePublishers.join(),
    rateQuorum: before.rateQuorum !== after.rateQuorum,
  };
}
