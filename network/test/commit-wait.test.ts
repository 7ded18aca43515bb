import { describe, expect, it, vi } from 'vitest';
import { writeWaitingForCommit } from '../scripts/commit-wait.ts';
import { CommandError } from '../scripts/exec.ts';

const timedOut = new CommandError(
  'peer chaincode invoke',
  'Error: timed out waiting for txid on all peers',
  new Error('exit 1'),
);

describe('a peer CLI write that waits for its commit', () => {
  it('stands when the CLI missed its commit but the ledger holds the write', async () => {
    const tookEffect = vi.fn(() => Promise.resolve(true));
    await expect(writeWaitingForCommit(() => Promise.reject(timedOut), tookEffect)).resolves.toBeUndefined();
    expect(tookEffect).toHaveBeenCalledOnce();
  });

  it('stands when the write reaches the ledger a while after the CLI gave up', async () => {
    const answers = [false, false, true];
    const tookEffect = vi.fn(() => Promise.resolve(answers.shift() ?? false));
    await expect(
      writeWaitingForCommit(() => Promise.reject(timedOut), tookEffect, { withinMs: 1_000, everyMs: 10 }),
    ).resolves.toBeUndefined();
    expect(tookEffect).toHaveBeenCalledTimes(3);
  });

  it('fails with the timeout when the ledger never holds the write within the wait', async () => {
    const tookEffect = vi.fn(() => Promise.resolve(false));
    const started = Date.now();
    await expect(
      writeWaitingForCommit(() => Promise.reject(timedOut), tookEffect, { withinMs: 100, everyMs: 20 }),
    ).rejects.toBe(timedOut);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(tookEffect.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(tookEffect.mock.calls.length).toBeLessThanOrEqual(6);
  });

  it('hands the CLI a wait of its own, shorter than the 120 s after which a command is killed', async () => {
    const send = vi.fn<(args: readonly string[]) => Promise<string>>(() => Promise.resolve('committed'));
    await writeWaitingForCommit(send, () => Promise.resolve(false));
    const args = send.mock.calls[0]?.[0] ?? [];
    expect(args).toContain('--waitForEvent');
    const timeout = args[args.indexOf('--waitForEventTimeout') + 1] ?? '';
    expect(Number.parseInt(timeout, 10)).toBeGreaterThan(0);
    expect(Number.parseInt(timeout, 10)).toBeLessThan(120);
  });

  it('fails at once on any other error, without asking the ledger', async () => {
    const refused = new CommandError('peer chaincode invoke', 'Error: endorsement failure', new Error('x'));
    const tookEffect = vi.fn(() => Promise.resolve(true));
    await expect(writeWaitingForCommit(() => Promise.reject(refused), tookEffect)).rejects.toBe(refused);
    expect(tookEffect).not.toHaveBeenCalled();
  });

  it('does not ask the ledger after a write the CLI saw commit', async () => {
    const tookEffect = vi.fn(() => Promise.resolve(false));
    await expect(
      writeWaitingForCommit(() => Promise.resolve('committed'), tookEffect),
    ).resolves.toBeUndefined();
    expect(tookEffect).not.toHaveBeenCalled();
  });
});
