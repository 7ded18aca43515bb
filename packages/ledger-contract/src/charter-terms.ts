import type { CharterMember, CharterTerms } from './model/charter.ts';
import { EnterpriseKinds, type EnterpriseKind } from './model/enterprise.ts';
import { invalid } from './errors.ts';
import { parseJsonArg, requireOneOf } from './validation.ts';
import { requireCreditCode } from './credit-code.ts';
import { fen, parseFen, type Fen } from './money.ts';

/** An MSP id as Fabric channel configurations spell them. */
export const MSP_ID_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
/** Far above any consortium; bounds the work of one transaction. */
export const MAX_MEMBERS = 100;
/** Far above the core enterprises of one consortium; bounds the charter's size. */
export const MAX_EXPOSURE_CAPS = 1000;

const TERMS_KEYS = 'members,ratePublishers,rateQuorum';
/** Terms that cap exposures name them too; terms without caps keep the bytes they always had. */
const TERMS_KEYS_WITH_CAPS = 'exposureCaps,members,ratePublishers,rateQuorum';
const MEMBER_KEYS = 'kinds,mspId';

function requireObject(value: unknown, field: string, ...keySets: string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${field} must be a JSON object`);
  }
  const record = value as Record<string, unknown>;
  const found = Object.keys(record).sort().join(',');
  if (!keySets.includes(found)) {
    throw invalid(`${field} must have exactly the keys ${keySets.join(' or ')}, got [${found}]`);
  }
  return record;
}

/**
 * Parses `exposureCaps`: a non-empty object from core enterprise ids (credit codes) to positive fen,
 * rewritten in canonical form (keys sorted by the marshaller). Whether each id is a registered core
 * enterprise is the ledger's concern at financing time: a cap on an id nobody finances binds nothing.
 */
function parseExposureCaps(value: unknown): Record<string, Fen> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('exposureCaps must be a JSON object from core enterprise ids to fen');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) throw invalid('exposureCaps must name at least one debtor; omit it for none');
  if (entries.length > MAX_EXPOSURE_CAPS) {
    throw invalid(`exposureCaps may hold at most ${MAX_EXPOSURE_CAPS} entries`);
  }
  return Object.fromEntries(
    entries.map(([debtorId, cap]) => [
      requireCreditCode(debtorId, 'exposureCaps key'),
      fen(parseFen(cap, `exposureCaps.${debtorId}`)),
    ]),
  );
}

function requireList(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(`${field} must be a non-empty JSON array`);
  if (value.length > MAX_MEMBERS) throw invalid(`${field} may hold at most ${MAX_MEMBERS} entries`);
  return value;
}

function requireMspId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !MSP_ID_PATTERN.test(value)) {
    throw invalid(`${field} must be an MSP id of 1 to 64 letters, digits, dots or dashes`);
  }
  return value;
}

/** Sorted copies without duplicates, refusing any: the same terms always give the same bytes. */
function sortedUnique<T extends string>(values: T[], field: string): T[] {
  const sorted = [...values].sort();
  const repeated = sorted.find((value, index) => index > 0 && value === sorted[index - 1]);
  if (repeated !== undefined) throw invalid(`${field} names ${repeated} twice`);
  return sorted;
}

function parseMember(value: unknown, index: number): CharterMember {
  const field = `members[${index}]`;
  const member = requireObject(value, field, MEMBER_KEYS);
  const kinds = requireList(member.kinds, `${field}.kinds`).map((kind, at): EnterpriseKind =>
    requireOneOf(kind, `${field}.kinds[${at}]`, EnterpriseKinds),
  );
  return {
    mspId: requireMspId(member.mspId, `${field}.mspId`),
    kinds: sortedUnique(kinds, `${field}.kinds`),
  };
}

/**
 * Parses charter terms from JSON and puts them in canonical order (members by MSP id, kinds and
 * publishers sorted): members are distinct MSPs, each with a non-empty set of enterprise kinds;
 * rate publishers are a non-empty set of members; the quorum is a whole number from 1 to their count;
 * optional exposure caps are positive fen per core enterprise id.
 */
export function parseCharterTerms(json: string): CharterTerms {
  const terms = requireObject(parseJsonArg(json, 'terms'), 'terms', TERMS_KEYS, TERMS_KEYS_WITH_CAPS);
  const members = requireList(terms.members, 'members').map(parseMember);
  const mspIds = sortedUnique(
    members.map((member) => member.mspId),
    'members',
  );
  const publishers = requireList(terms.ratePublishers, 'ratePublishers').map((value, index) =>
    requireMspId(value, `ratePublishers[${index}]`),
  );
  const ratePublishers = sortedUnique(publishers, 'ratePublishers');
  const outsider = ratePublishers.find((mspId) => !mspIds.includes(mspId));
  if (outsider !== undefined) throw invalid(`rate publisher ${outsider} is not a member`);
  const quorum = terms.rateQuorum;
  if (
    typeof quorum !== 'number' ||
    !Number.isInteger(quorum) ||
    quorum < 1 ||
    quorum > ratePublishers.length
  ) {
    throw invalid(
      `rateQuorum must be a whole number from 1 to ${ratePublishers.length} (the rate publishers)`,
    );
  }
  return {
    members: [...members].sort((a, b) => (a.mspId < b.mspId ? -1 : 1)),
    ratePublishers,
    rateQuorum: quorum,
    ...(terms.exposureCaps === undefined ? {} : { exposureCaps: parseExposureCaps(terms.exposureCaps) }),
  };
}
