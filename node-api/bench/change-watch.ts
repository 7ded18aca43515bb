const SUBSCRIPTION = 'subscription { changes { type id transactionId } }';

interface ChangeEvent {
  data?: { changes?: { transactionId?: string } } | null;
}

/**
 * Listens to a node's `changes` subscription (GraphQL over SSE) and notes when each transaction id
 * was first announced, on the `performance.now()` clock the caller times its submits with.
 */
export class ChangeWatch {
  private readonly seen = new Map<string, number>();
  private readonly abort = new AbortController();
  private reading: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  /** Opens the stream; resolves once the node answered with the event stream. */
  static async open(url: string, token: string): Promise<ChangeWatch> {
    const watch = new ChangeWatch();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: SUBSCRIPTION }),
      signal: watch.abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`changes subscription: HTTP ${response.status}`);
    watch.reading = watch.read(response.body.getReader());
    return watch;
  }

  /** When `transactionId` was announced, if it was. */
  announcedAt(transactionId: string): number | undefined {
    return this.seen.get(transactionId);
  }

  /** Waits until every id was announced or `timeoutMs` passed; returns how many are still missing. */
  async awaitAll(transactionIds: readonly string[], timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const missing = (): number => transactionIds.filter((id) => !this.seen.has(id)).length;
    while (missing() > 0 && Date.now() < deadline) {
      if (this.failure !== undefined) throw this.failure;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return missing();
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += decoder.decode(value, { stream: true });
        // Events end with a blank line; the last piece may be an event still arriving.
        const events = buffer.split('\n\n');
        buffer = events.pop() ?? '';
        for (const event of events) this.note(event, now);
      }
    } catch (error) {
      if (!this.abort.signal.aborted)
        this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  private note(event: string, at: number): void {
    const data = event
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trim())
      .join('\n');
    if (!data) return; // a keep-alive comment, or the stream's `complete`
    const transactionId = (JSON.parse(data) as ChangeEvent).data?.changes?.transactionId;
    if (transactionId && !this.seen.has(transactionId)) this.seen.set(transactionId, at);
  }
}
