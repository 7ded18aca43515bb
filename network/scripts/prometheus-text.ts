/**
 * Reads samples out of Prometheus' text exposition format (what Fabric's operations endpoints and
 * the node API serve on /metrics): `name{label="value",…} number`, one per line, `#` lines ignored.
 */

const SAMPLE = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [, key = '', raw = ''] of text.matchAll(LABEL)) {
    labels.set(
      key,
      raw.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char)),
    );
  }
  return labels;
}

/** One sample of a metric: its labels and its value. */
export interface Sample {
  labels: Map<string, string>;
  value: number;
}

/** Every sample of `name` whose value is a number, in the order the text gives them. */
export function samplesOf(text: string, name: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = SAMPLE.exec(line);
    if (match?.[1] !== name) continue;
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ labels: labelsOf(match[2] ?? ''), value });
  }
  return samples;
}

/**
 * The value of the first sample of `name` that carries every label of `labels` (others may be
 * present), or undefined when there is none or it is not a number.
 */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samplesOf(text, name).find((sample) =>
    Object.entries(labels).every(([key, value]) => sample.labels.get(key) === value),
  )?.value;
}
