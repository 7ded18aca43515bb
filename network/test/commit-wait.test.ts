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

  it('fails with the timeout when the ledger does not hold the write', async () => {
    const tookEffect = vi.fn(() => Promise.resolve(false));
    await expect(writeWaitingForCommit(() => Promise.reject(timedOut), tookEffect)).rejects.toBe(timedOut);
    expect(tookEffect).toHaveBeenCalledOnce();
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
