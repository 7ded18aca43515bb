/** The value of an unlabelled gauge in Prometheus text, if present. */
export function gaugeValue(text: string, name: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (!line) return undefined;
  const value = Number(line.slice(name.length + 1).trim());
  return Number.isFinite(value) ? value : undefined;
}

/** Polls a node's /metrics every `intervalMs` and keeps the highest value of each named gauge. */
export class GaugeSampler {
  readonly max = new Map<string, number>();
  samples = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly url: string;
  private readonly names: readonly string[];

  constructor(url: string, names: readonly string[]) {
    this.url = url;
    this.names = names;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      // One poll at a time: on a loaded machine a slow answer skips ticks instead of piling up requests.
      this.inFlight ??= this.poll().finally(() => {
        this.inFlight = undefined;
      });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
    await this.poll();
  }

  private async poll(): Promise<void> {
    try {
      const text = await (await fetch(`${this.url}/metrics`)).text();
      this.samples += 1;
      for (const name of this.names) {
        const value = gaugeValue(text, name);
        if (value !== undefined) this.max.set(name, Math.max(value, this.max.get(name) ?? value));
      }
    } catch {
      // A missed sample is no reason to stop the benchmark; `samples` tells how many were taken.
    }
  }
}
