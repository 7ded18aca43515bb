import { daysBetween, stageFor, writeDown, type IsoDate, type WriteOffStage } from '@scf/ledger-contract';
import type { SessionUser } from '../../auth/session-user.ts';
import type { Database } from '../../db/client.ts';
import { fenOf } from '../sql.ts';
import { visibleWhere } from '../visibility.ts';

/**
 * Before a bank sets its stages: one open stage from the first day overdue writing nothing down, so
 * the overdue exposure shows, by age, without a provision the bank never chose.
 */
export const UNCONFIGURED_STAGES: readonly WriteOffStage[] = [{ fromDay: 1, writeDownBps: 0 }];

/** Count, face exposure, what is written down of it, and the net. */
export interface WriteDownFigures {
  count: number;
  exposure: bigint;
  writtenDown: bigint;
  net: bigint;
}

export interface StageWriteDown extends WriteDownFigures {
  stage: WriteOffStage;
}

/** A bank's disbursed, unsettled financings, net of write-downs, on one business date. */
export interface WriteDowns {
  asOf: IsoDate;
  /** False: the bank set no stages yet; the stages are UNCONFIGURED_STAGES. */
  configured: boolean;
  /** Not yet past maturity: nothing written down. */
  current: WriteDownFigures;
  stages: StageWriteDown[];
  /** Written off by hand: the whole exposure, whatever their age. */
  writtenOff: WriteDownFigures;
  total: WriteDownFigures;
}

interface MaturityRow {
  maturity: string;
  count: number;
  amount: string;
}

const none = (): WriteDownFigures => ({ count: 0, exposure: 0n, writtenDown: 0n, net: 0n });

function add(into: WriteDownFigures, from: WriteDownFigures): void {
  into.count += from.count;
  into.exposure += from.exposure;
  into.writtenDown += from.writtenDown;
  into.net += from.net;
}

/** The bank's stages as its node holds them (its own private data), in order. */
export async function stagesOf(db: Database, bankId: string): Promise<WriteOffStage[]> {
  const rows = await db.writeOffStage.findMany({ where: { bankId }, orderBy: { position: 'asc' } });
  return rows.map((row) => ({
    fromDay: row.fromDay,
    ...(row.toDay === null ? {} : { toDay: row.toDay }),
    writeDownBps: row.writeDownBps,
  }));
}

/** Disbursed, unsettled financings of the bank not written off, by maturity date. */
function openByMaturity(db: Database, user: SessionUser): Promise<MaturityRow[]> {
  return db.$queryRaw<MaturityRow[]>`
    SELECT to_char("financings"."maturity_date", 'YYYY-MM-DD') AS maturity, count(*)::int AS count,
      sum("financings"."amount")::text AS amount
    FROM "financings"
    WHERE ${visibleWhere(user, 'financing')} AND "financings"."bank_id" = ${user.enterpriseId}
      AND "financings"."status" = 'DISBURSED'
      AND NOT EXISTS (SELECT 1 FROM "write_offs" w WHERE w."financing_id" = "financings"."id")
    GROUP BY 1 ORDER BY 1`;
}

/** Written-off financings of the bank still disbursed (paid late, a financing leaves the figures). */
async function writtenOffOf(db: Database, user: SessionUser): Promise<WriteDownFigures> {
  const [row] = await db.$queryRaw<{ count: number; amount: string | null }[]>`
    SELECT count(*)::int AS count, sum("financings"."amount")::text AS amount
    FROM "financings" JOIN "write_offs" w ON w."financing_id" = "financings"."id"
    WHERE ${visibleWhere(user, 'financing')} AND "financings"."bank_id" = ${user.enterpriseId}
      AND w."bank_id" = ${user.enterpriseId} AND "financings"."status" = 'DISBURSED'`;
  const exposure = fenOf(row?.amount ?? null);
  return { count: row?.count ?? 0, exposure, writtenDown: exposure, net: 0n };
}

/**
 * The bank's portfolio net of write-downs on `asOf`: each financing in the stage of its days past
 * maturity (so it moves stage by date alone), each stage's exposure written down by its share,
 * rounded half up to the fen once per stage; written-off ones in full, on their own line.
 */
export async function writeDowns(db: Database, user: SessionUser, asOf: IsoDate): Promise<WriteDowns> {
  const own = await stagesOf(db, user.enterpriseId);
  const stages = own.length > 0 ? own : UNCONFIGURED_STAGES;
  const current = none();
  const exposures = stages.map(() => ({ count: 0, exposure: 0n }));
  for (const row of await openByMaturity(db, user)) {
    const stage = stageFor(stages, daysBetween(row.maturity, asOf));
    const into = stage ? exposures[stages.indexOf(stage)] : undefined;
    const target = into ?? current;
    target.count += row.count;
    target.exposure += fenOf(row.amount);
  }
  current.net = current.exposure;
  const byStage = stages.map((stage, index) => {
    const { count, exposure } = exposures[index] ?? { count: 0, exposure: 0n };
    const { writtenDownFen, netFen } = writeDown(exposure, stage);
    return { stage, count, exposure, writtenDown: writtenDownFen, net: netFen };
  });
  const writtenOff = await writtenOffOf(db, user);
  const total = none();
  for (const figures of [current, ...byStage, writtenOff]) add(total, figures);
  return { asOf, configured: own.length > 0, current, stages: byStage, writtenOff, total };
}
