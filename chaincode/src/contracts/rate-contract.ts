import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { requireActor } from '../lib/access';
import {
  type BenchmarkRate,
  ContractError,
  ErrorCodes,
  Events,
  INT_RANGES,
  type IsoDate,
  ObjectTypes,
  type RateAttestation,
  type RateTenor,
  RateTenors,
  forbidden,
  marshal,
  parseDate,
  requireInt,
  requireOneOf,
} from '@scf/ledger-contract';
import { txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { findRecord } from '../lib/store';
import { requireCharter } from '../repositories/charters';
import { findRate, RateIndexes, rateId, saveRate } from '../repositories/rates';
import { BaseContract } from './base-contract';

/**
 * The rate of `tenor` in force on `asOfDate`: the publication with the latest effective date on or
 * before it. The tenor's index is in date order, so the last match wins; a tenor has a few dozen
 * publications, which keeps the walk short.
 */
export async function currentRate(ctx: Context, tenor: RateTenor, asOfDate: IsoDate): Promise<BenchmarkRate> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(RateIndexes.byTenor, [tenor]);
  let currentId: string | undefined;
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const [, effectiveDate, id] = ctx.stub.splitCompositeKey(next.value.key).attributes;
      if (effectiveDate === undefined || effectiveDate > asOfDate) break;
      currentId = id;
    }
  } finally {
    await iterator.close();
  }
  const rate =
    currentId === undefined
      ? undefined
      : await findRecord<BenchmarkRate>(ctx, ObjectTypes.BenchmarkRate, currentId);
  if (!rate) throw new ContractError(ErrorCodes.NotFound, `no ${tenor} rate is in force on ${asOfDate}`);
  return rate;
}

/** The attestations with the attesting org's own replaced (or added), sorted by MSP id. */
function withAttestation(attestations: RateAttestation[], attestation: RateAttestation): RateAttestation[] {
  return [...attestations.filter((other) => other.mspId !== attestation.mspId), attestation].sort((a, b) =>
    a.mspId < b.mspId ? -1 : 1,
  );
}

/**
 * Loan prime rates (LPR): bank admins of the charter's rate publisher orgs attest a value, and it is
 * in force once the charter's quorum of them attested the same value. Every publication is kept.
 */
@Info({ title: 'RateContract', description: 'Benchmark loan prime rates (LPR) with history' })
export class RateContract extends BaseContract {
  constructor() {
    super('rate');
  }

  /**
   * Attests the rate of a tenor effective from a date for the caller's org (a bank admin of a rate
   * publisher org); it is PUBLISHED once the quorum of publisher orgs attested the same value.
   */
  @Transaction()
  @Returns('string')
  async Publish(ctx: Context, tenor: string, rateBps: string, effectiveDate: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ['admin'], kinds: ['BANK'] });
    const charter = await requireCharter(ctx);
    if (!charter.ratePublishers.includes(actor.mspId)) {
      throw forbidden(`${actor.mspId} is not a rate publisher of the consortium charter`);
    }
    const rateTenor = requireOneOf(tenor, 'tenor', RateTenors);
    const bps = requireInt(rateBps, 'rateBps', INT_RANGES.rateBps.min, INT_RANGES.rateBps.max);
    const effective = parseDate(effectiveDate, 'effectiveDate');
    const id = rateId(rateTenor, effective);
    const previous = await findRate(ctx, id);
    if (previous?.status === 'PUBLISHED') {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        `the ${rateTenor} rate effective ${effective} is already published`,
      );
    }
    const attestations = withAttestation(previous?.attestations ?? [], {
      mspId: actor.mspId,
      enterpriseId: actor.enterprise.id,
      rateBps: bps,
    });
    // Orgs the charter no longer lists as publishers keep their attestation but do not count.
    const agreeing = attestations.filter(
      (attestation) => attestation.rateBps === bps && charter.ratePublishers.includes(attestation.mspId),
    );
    const now = txTime(ctx);
    const rate: BenchmarkRate = {
      docType: ObjectTypes.BenchmarkRate,
      id,
      tenor: rateTenor,
      rateBps: bps,
      effectiveDate: effective,
      publishedBy: actor.enterprise.id,
      status: agreeing.length >= charter.rateQuorum ? 'PUBLISHED' : 'PROPOSED',
      attestations,
      createdAt: previous?.createdAt ?? now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveRate(ctx, rate, now, previous);
    const published = saved.status === 'PUBLISHED';
    emit(ctx, published ? Events.BenchmarkRatePublished : Events.BenchmarkRateProposed, [saved]);
    return marshal(saved);
  }

  /** The rate of a tenor in force on a date; NOT_FOUND before the first publication. */
  @Transaction(false)
  @Returns('string')
  async Current(ctx: Context, tenor: string, asOfDate: string): Promise<string> {
    const rateTenor = requireOneOf(tenor, 'tenor', RateTenors);
    return marshal(await currentRate(ctx, rateTenor, parseDate(asOfDate, 'asOfDate')));
  }
}
