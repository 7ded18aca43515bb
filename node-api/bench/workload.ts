/**
 * Runs `count` jobs on `clients` concurrent workers, each taking the next job index as soon as it is
 * free (so every worker stays busy until the last job), and returns the wall time in seconds.
 */
export async function drain(
  count: number,
  clients: number,
  job: (index: number, client: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const worker = async (client: number): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await job(index, client);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(clients, count) }, (_, client) => worker(client)));
  return (performance.now() - started) / 1000;
}
