import { invalid } from './errors.ts';
import { divideHalfUp } from './money.ts';
import { BPS } from './pricing.ts';

/**
 * A bank's write-off stages (provisioning by days overdue): each stage covers a range of days past
 * maturity and writes the exposure down by a share of it. The stages of one bank start at day 1, follow
 * each other without gap or overlap, the last one open-ended, with write-downs that never decrease.
 */
export interface WriteOffStage {
  /** The first day overdue of the stage (1 = the day after maturity). */
  fromDay: number;
  /** The last day overdue, inclusive; absent for the last stage. */
  toDay?: number;
  writeDownBps: number;
}

/** At most this many stages: enough for any provisioning table, small enough to show on one line. */
export const MAX_WRITE_OFF_STAGES = 12;

/** The last day overdue a stage may end on (about 27 years): a bound for the inputs, not a policy. */
export const MAX_WRITE_OFF_DAY = 9_999;

/** Checks a bank's stages; names the first stage at fault. */
export function requireWriteOffStages(stages: readonly WriteOffStage[]): readonly WriteOffStage[] {
  if (stages.length === 0 || stages.length > MAX_WRITE_OFF_STAGES) {
    throw invalid(`a bank has 1 to ${MAX_WRITE_OFF_STAGES} write-off stages, got ${stages.length}`);
  }
  let expectedFrom = 1;
  let lastBps = 0;
  stages.forEach((stage, index) => {
    const at = `stage ${index + 1}`;
    if (!Number.isInteger(stage.fromDay) || stage.fromDay !== expectedFrom) {
      throw invalid(`${at} must start on day ${expectedFrom} overdue, got ${String(stage.fromDay)}`);
    }
    const last = index === stages.length - 1;
    if (last !== (stage.toDay === undefined)) {
      throw invalid(last ? `${at}, the last, must be open-ended` : `${at} needs a last day`);
    }
    if (stage.toDay !== undefined) {
      if (!Number.isInteger(stage.toDay) || stage.toDay < stage.fromDay || stage.toDay > MAX_WRITE_OFF_DAY) {
        throw invalid(
          `${at} must end from day ${stage.fromDay} to day ${MAX_WRITE_OFF_DAY}, got ${String(stage.toDay)}`,
        );
      }
      expectedFrom = stage.toDay + 1;
    }
    if (
      !Number.isInteger(stage.writeDownBps) ||
      stage.writeDownBps < lastBps ||
      stage.writeDownBps > 10_000
    ) {
      throw invalid(
        `${at} must write down ${lastBps} to 10000 basis points, got ${String(stage.writeDownBps)}`,
      );
    }
    lastBps = stage.writeDownBps;
  });
  return stages;
}

/** The stage a financing is in after `daysOverdue` days past maturity; none before the first day. */
export function stageFor(stages: readonly WriteOffStage[], daysOverdue: number): WriteOffStage | undefined {
  if (daysOverdue < 1) return undefined;
  return stages.find((stage) => stage.toDay === undefined || daysOverdue <= stage.toDay);
}

/** exposure × write-down, rounded half up to the fen; what the portfolio shows net of it. */
export function writeDown(
  exposureFen: bigint,
  stage: WriteOffStage | undefined,
): { writtenDownFen: bigint; netFen: bigint } {
  const writtenDownFen = stage ? divideHalfUp(exposureFen * BigInt(stage.writeDownBps), BPS) : 0n;
  return { writtenDownFen, netFen: exposureFen - writtenDownFen };
}
