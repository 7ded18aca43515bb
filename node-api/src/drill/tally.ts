/** Counts of labels (error codes, outcomes), printed largest first. */
export class Tally {
  readonly #counts = new Map<string, number>();

  add(label: string, count = 1): void {
    this.#counts.set(label, (this.#counts.get(label) ?? 0) + count);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.#counts.values()) sum += count;
    return sum;
  }

  entries(): [string, number][] {
    return [...this.#counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  }

  /** `CODE n, CODE n` or `none`. */
  toString(): string {
    const entries = this.entries();
    return entries.length === 0 ? 'none' : entries.map(([label, count]) => `${label} ${count}`).join(', ');
  }
}
