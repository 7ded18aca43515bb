// @ts-check
import { createHash } from 'node:crypto';
import { submitLoop } from './submit-loop.mjs';

/**
 * The life cycle's first step: `invoice:Register` by the supplier's clerk, a fresh invoice number and
 * document hash per transaction, on the buyer and dates the round's arguments name.
 */
export function createWorkloadModule() {
  const run = Date.now().toString(36);
  return submitLoop((worker, sequence, round) => {
    const number = `CAL-${run}-${String(worker)}-${String(sequence)}`;
    const hash = createHash('sha256').update(number).digest('hex');
    // The last argument, purchaseOrderNumber, is optional: '' is none.
    return [number, round.buyerId ?? '', '10000000', round.issueDate ?? '', round.dueDate ?? '', hash, ''];
  });
}
