/** How one item of a batch went. */
export interface BatchOutcome<E> {
  id: string;
  ok: boolean;
  error: E | null;
}

/**
 * Runs one write per item, one after another (each is its own ledger transaction, and the node rate
 * limits), and reports every outcome instead of stopping at the first refusal.
 */
export async function runBatch<E>(
  ids: readonly string[],
  write: (id: string) => Promise<unknown>,
  toError: (error: unknown) => E,
): Promise<BatchOutcome<E>[]> {
  const outcomes: BatchOutcome<E>[] = [];
  for (const id of ids) {
    try {
      await write(id);
      outcomes.push({ id, ok: true, error: null });
    } catch (error) {
      outcomes.push({ id, ok: false, error: toError(error) });
    }
  }
  return outcomes;
}
