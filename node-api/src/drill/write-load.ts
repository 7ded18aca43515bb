import type { DrillWrite, InvoiceWriter, WriteOutcome } from './invoice-writer.ts';

export interface LoadPlan {
  /** Invoice numbers and keys of this load start with it (unique per drill run and fault). */
  prefix: string;
  /** No new write starts after this instant (epoch ms). */
  until: number;
  /** A write still unacknowledged at this instant is given up (epoch ms). */
  giveUpAt: number;
}

/**
 * A bounded write load: one worker per writer, each sending its next write as soon as the last one
 * ended, until `until`. Resolves with every write's outcome once the last worker is done.
 */
export async function runWriteLoad(
  writers: readonly InvoiceWriter[],
  plan: LoadPlan,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  let next = 0;
  const worker = async (writer: InvoiceWriter): Promise<void> => {
    while (Date.now() < plan.until) {
      const sequence = next;
      next += 1;
      const write: DrillWrite = {
        key: `drill:${plan.prefix}:${String(sequence)}`,
        number: `${plan.prefix}-${String(sequence)}`,
      };
      outcomes.push(await writer.write(write, plan.giveUpAt));
    }
  };
  await Promise.all(writers.map(worker));
  return outcomes;
}
