import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { requireActor } from '../lib/access';
import { parseDate, txTime, type IsoDate } from '../lib/dates';
import { ChaincodeError, ErrorCodes } from '../lib/errors';
import { emit, Events } from '../lib/events';
import { marshal } from '../lib/json';
import { pageByIndex } from '../lib/query';
import { findRecord } from '../lib/store';
import { requireInt, requireOneOf } from '../lib/validation';
import { RateTenors, type BenchmarkRate, type RateTenor } from '../model/benchmark-rate';
import { ObjectTypes } from '../model/record';
import { RateIndexes, rateId, saveRate } from '../repositories/rates';

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
  if (!rate) throw new ChaincodeError(ErrorCodes.NotFound, `no ${tenor} rate is in force on ${asOfDate}`);
  return rate;
}

/** Loan prime rates (LPR) as published by a bank admin; every publication is kept as history. */
@Info({ title: 'RateContract', description: 'Benchmark loan prime rates (LPR) with history' })
export class RateContract extends Contract {
  constructor() {
    super('rate');
  }

  /** Publishes the rate of a tenor effective from a date; a bank admin only, once per tenor and date. */
  @Transaction()
  @Returns('string')
  async Publish(ctx: Context, tenor: string, rateBps: string, effectiveDate: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ['admin'], kinds: ['BANK'] });
    const rateTenor = requireOneOf(tenor, 'tenor', RateTenors);
    const bps = requireInt(rateBps, 'rateBps', 1, 10_000);
    const effective = parseDate(effectiveDate, 'effectiveDate');
    const id = rateId(rateTenor, effective);
    if (await findRecord(ctx, ObjectTypes.BenchmarkRate, id)) {
      throw new ChaincodeError(
        ErrorCodes.AlreadyExists,
        `the ${rateTenor} rate effective ${effective} is already published`,
      );
    }
    const now = txTime(ctx);
    const rate: BenchmarkRate = {
      docType: ObjectTypes.BenchmarkRate,
      id,
      tenor: rateTenor,
      rateBps: bps,
      effectiveDate: effective,
      publishedBy: actor.enterprise.id,
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveRate(ctx, rate, now);
    emit(ctx, Events.BenchmarkRatePublished, [saved]);
    return marshal(saved);
  }

  /** The rate of a tenor in force on a date; NOT_FOUND before the first publication. */
  @Transaction(false)
  @Returns('string')
  async Current(ctx: Context, tenor: string, asOfDate: string): Promise<string> {
    const rateTenor = requireOneOf(tenor, 'tenor', RateTenors);
    return marshal(await currentRate(ctx, rateTenor, parseDate(asOfDate, 'asOfDate')));
  }

  /** A tenor's publications, oldest first, a page at a time. */
  @Transaction(false)
  @Returns('string')
  async History(ctx: Context, tenor: string, pageSize: string, bookmark: string): Promise<string> {
    const rateTenor = requireOneOf(tenor, 'tenor', RateTenors);
    return marshal(
      await pageByIndex<BenchmarkRate>(
        ctx,
        ObjectTypes.BenchmarkRate,
        RateIndexes.byTenor,
        [rateTenor],
        pageSize,
        bookmark,
      ),
    );
  }
}
