import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { ANY_ROLE, requireActor } from '../lib/access';
import {
  type DebtorExposure,
  type Enterprise,
  ObjectTypes,
  checkExposureCap,
  invalid,
  exposureCapOf,
  fen,
  forbidden,
  marshal,
} from '@scf/ledger-contract';
import { getRecord } from '../lib/store';
import { requireCharter } from '../repositories/charters';
import { sumExposure } from '../repositories/exposure';
import { BaseContract } from './base-contract';

/**
 * Refuses a financing of `amount` fen against `debtorId` beyond the charter's consortium-wide cap
 * (EXPOSURE_CAP_EXCEEDED). Only a capped debtor's entries are read: the range read makes this
 * transaction fail validation if another disbursement or settlement for the same debtor commits
 * first (so two banks cannot both take the last room under the cap), and uncapped debtors pay nothing.
 */
export async function requireExposureRoom(ctx: Context, debtorId: string, amount: bigint): Promise<void> {
  const cap = exposureCapOf(await requireCharter(ctx), debtorId);
  if (cap === undefined) return;
  checkExposureCap(debtorId, cap, await sumExposure(ctx, debtorId, 'financed'), amount);
}

/**
 * Consortium-wide figures per core enterprise (银发〔2025〕77号: banks control each core enterprise's
 * total exposure): totals only, never which bank financed what or at which terms.
 */
@Info({ title: 'ExposureContract', description: 'Consortium-wide exposure per core enterprise' })
export class ExposureContract extends BaseContract {
  constructor() {
    super('exposure');
  }

  /** A core enterprise's outstanding vouchers, financed amount and cap; for banks, the auditor and the debtor itself. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, debtorId: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['BANK', 'AUDITOR', 'CORE'] });
    if (actor.enterprise.kind === 'CORE' && actor.enterprise.id !== debtorId) {
      throw forbidden(`a core enterprise reads only its own exposure, not ${debtorId}'s`);
    }
    // A suspended debtor still owes what it confirmed: only the kind is checked, not the status.
    const debtor = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, debtorId);
    if (debtor.kind !== 'CORE') throw invalid(`debtor ${debtorId} is a ${debtor.kind}, not CORE`);
    const cap = exposureCapOf(await requireCharter(ctx), debtor.id);
    const exposure: DebtorExposure = {
      debtorId: debtor.id,
      outstandingVouchers: fen(await sumExposure(ctx, debtor.id, 'vouchers')),
      financedOutstanding: fen(await sumExposure(ctx, debtor.id, 'financed')),
      ...(cap === undefined ? {} : { exposureCap: fen(cap) }),
    };
    return marshal(exposure);
  }
}
