import { describe, expect, it } from 'vitest';
import { steadyRound, type Iteration, type RoundPlan } from '../../bench/steady-round.ts';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A transaction every 2 ms per client, committed as kind "tx". */
const ticking: Iteration = async (_client, control) => {
  const started = performance.now();
  await pause(2);
  control.committed('tx', started);
};

const plan = (overrides: Partial<RoundPlan>): RoundPlan => ({
  workload: 'fake',
  clients: 2,
  run: 1,
  warmupMs: 30,
  roundMs: 80,
  components: [],
  iteration: ticking,
  ...overrides,
});

describe('steady round', () => {
  it('counts only what commits inside the window, and waits for the work alongside it', async () => {
    const started = performance.now();
    let alongsideFrom = 0;
    let alongsideDone = false;
    const result = await steadyRound(
      plan({
        alongside: async () => {
          alongsideFrom = performance.now() - started;
          await pause(150);
          alongsideDone = true;
        },
      }),
    );
    expect(alongsideFrom).toBeGreaterThanOrEqual(29);
    expect(alongsideDone).toBe(true);
    expect(result.seconds).toBeGreaterThan(0.07);
    expect(result.transactions).toBeGreaterThan(0);
    expect(result.latency.get('tx')?.count).toBe(result.transactions);
  });

  it('fails the round when the work alongside fails, once the workers are done', async () => {
    let iterations = 0;
    const counted: Iteration = async (client, control) => {
      iterations += 1;
      await ticking(client, control);
    };
    const started = performance.now();
    await expect(
      steadyRound(
        plan({
          iteration: counted,
          alongside: async () => {
            await pause(5);
            throw new Error('profile refused');
          },
        }),
      ),
    ).rejects.toThrow('profile refused');
    // The failure did not cut the round short: it surfaced after the whole window.
    expect(performance.now() - started).toBeGreaterThanOrEqual(105);
    expect(iterations).toBeGreaterThan(10);
  });
});
