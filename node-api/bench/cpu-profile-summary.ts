/** The parts of a V8 .cpuprofile (node --cpu-prof) a self-time summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionTime {
  /** `name (file:line)`, file shortened to its path below node_modules or its last two segments. */
  function: string;
  selfMs: number;
  share: number;
}

function where(url: string, line: number): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const below = path.lastIndexOf('node_modules/');
  const short = below >= 0 ? path.slice(below + 'node_modules/'.length) : path.split('/').slice(-2).join('/');
  return ` (${short}:${String(line + 1)})`;
}

/** V8's pseudo-node for time with nothing on the stack: left out, so shares are of busy time. */
const IDLE = '(idle)';

/**
 * Self time per function (idle left out): each sample is charged to the node it was taken in, for the time until the
 * next sample (V8 records the delta before each sample, so sample i lasts timeDeltas[i + 1]).
 */
export function topSelfTime(profile: CpuProfile, limit: number): FunctionTime[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const micros = new Map<string, number>();
  let total = 0;
  samples.forEach((id, index) => {
    const node = byNode.get(id);
    const duration = deltas[index + 1] ?? 0;
    if (!node || duration <= 0 || node.callFrame.functionName === IDLE) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName === '' ? '(anonymous)' : functionName}${where(url, lineNumber)}`;
    micros.set(key, (micros.get(key) ?? 0) + duration);
    total += duration;
  });
  return [...micros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({ function: name, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
}
