/** Deterministic JSON: object keys sorted at every depth, so every peer endorses identical bytes. */
export function marshal(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

const decoder = new TextDecoder();

export function unmarshal<T>(bytes: Uint8Array | string): T {
  const text = typeof bytes === 'string' ? bytes : decoder.decode(bytes);
  return JSON.parse(text) as T;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      const item = source[key];
      if (item !== undefined) {
        sorted[key] = sortKeys(item);
      }
    }
    return sorted;
  }
  return value;
}
