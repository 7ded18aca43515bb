import { describe, expect, it } from 'vitest';
import { ContractError } from '../src/errors.ts';
import { requireWriteOffStages, stageFor, writeDown, type WriteOffStage } from '../src/write-down.ts';

/** 1–30 days 1 %, 31–90 days 20 %, 91–180 days 50 %, beyond 180 days 100 %. */
const STAGES: WriteOffStage[] = [
  { fromDay: 1, toDay: 30, writeDownBps: 100 },
  { fromDay: 31, toDay: 90, writeDownBps: 2_000 },
  { fromDay: 91, toDay: 180, writeDownBps: 5_000 },
  { fromDay: 181, writeDownBps: 10_000 },
];

describe("a bank's write-off stages, with worked numbers", () => {
  it('puts each day overdue in its stage, none before the day after maturity', () => {
    const bps = (days: number): number | undefined => stageFor(STAGES, days)?.writeDownBps;
    expect([0, 1, 30, 31, 90, 91, 180, 181, 10_000].map(bps)).toEqual([
      undefined,
      100,
      100,
      2_000,
      2_000,
      5_000,
      5_000,
      10_000,
      10_000,
    ]);
    expect(stageFor(STAGES, -3)).toBeUndefined();
  });

  it('writes ¥100,000.00 down by stage: ¥1,000.00, ¥20,000.00, ¥50,000.00, all of it', () => {
    const exposure = 10_000_000n;
    expect(STAGES.map((stage) => writeDown(exposure, stage))).toEqual([
      { writtenDownFen: 100_000n, netFen: 9_900_000n },
      { writtenDownFen: 2_000_000n, netFen: 8_000_000n },
      { writtenDownFen: 5_000_000n, netFen: 5_000_000n },
      { writtenDownFen: 10_000_000n, netFen: 0n },
    ]);
    expect(writeDown(exposure, undefined)).toEqual({ writtenDownFen: 0n, netFen: exposure });
  });

  it('rounds a write-down half up to the fen', () => {
    const onePercent = STAGES[0];
    expect(writeDown(333n, onePercent).writtenDownFen).toBe(3n); // 3.33
    expect(writeDown(350n, onePercent).writtenDownFen).toBe(4n); // 3.5
  });

  it('takes stages that start at day 1, follow without gap or overlap, end open, never write down less', () => {
    expect(requireWriteOffStages(STAGES)).toBe(STAGES);
    expect(requireWriteOffStages([{ fromDay: 1, writeDownBps: 10_000 }])).toHaveLength(1);
    const refused = (stages: WriteOffStage[]): string => {
      try {
        requireWriteOffStages(stages);
      } catch (error) {
        if (error instanceof ContractError) return error.detail;
      }
      return 'accepted';
    };
    expect(refused([])).toMatch(/1 to 12 write-off stages, got 0/);
    expect(
      refused(Array.from({ length: 13 }, (_, i) => ({ fromDay: i + 1, toDay: i + 1, writeDownBps: 0 }))),
    ).toMatch(/got 13/);
    expect(refused([{ fromDay: 2, writeDownBps: 100 }])).toBe('stage 1 must start on day 1 overdue, got 2');
    expect(
      refused([
        { fromDay: 1, toDay: 30, writeDownBps: 100 },
        { fromDay: 32, writeDownBps: 200 },
      ]),
    ).toBe('stage 2 must start on day 31 overdue, got 32');
    expect(
      refused([
        { fromDay: 1, toDay: 30, writeDownBps: 100 },
        { fromDay: 30, writeDownBps: 200 },
      ]),
    ).toMatch(/stage 2 must start on day 31/);
    expect(refused([{ fromDay: 1, toDay: 30, writeDownBps: 100 }])).toBe(
      'stage 1, the last, must be open-ended',
    );
    expect(
      refused([
        { fromDay: 1, writeDownBps: 100 },
        { fromDay: 2, writeDownBps: 200 },
      ]),
    ).toBe('stage 1 needs a last day');
    expect(
      refused([
        { fromDay: 1, toDay: 0, writeDownBps: 100 },
        { fromDay: 1, writeDownBps: 200 },
      ]),
    ).toMatch(/must end from day 1 to day 9999/);
    expect(
      refused([
        { fromDay: 1, toDay: 10_000, writeDownBps: 100 },
        { fromDay: 10_001, writeDownBps: 200 },
      ]),
    ).toBe('stage 1 must end from day 1 to day 9999, got 10000');
    expect(
      refused([
        { fromDay: 1, toDay: 30, writeDownBps: 500 },
        { fromDay: 31, writeDownBps: 400 },
      ]),
    ).toBe('stage 2 must write down 500 to 10000 basis points, got 400');
    expect(refused([{ fromDay: 1, writeDownBps: 10_001 }])).toMatch(/got 10001/);
  });
});
