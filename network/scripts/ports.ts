import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { endpoint, type Listener } from './hosts.ts';
import {
  overlaps,
  RESERVATIONS_DIR,
  reserveBlock,
  reservedBlocks,
  withReservationLock,
} from './port-reservations.ts';

/** Undefined if `host:port` can be bound now, else why not (the error code: EADDRINUSE, EADDRNOTAVAIL…). */
function bindProblem(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? error.message);
    });
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => {
        resolve(undefined);
      });
    });
  });
}

export async function portsInUse(host: string, ports: number[]): Promise<number[]> {
  const problems = await Promise.all(ports.map((port) => bindProblem(host, port)));
  return ports.filter((_, index) => problems[index] !== undefined);
}

/**
 * The listeners that cannot bind now, each checked on its own listen host: `node host:port (code)`.
 * EADDRNOTAVAIL means the address is not one of this machine's.
 */
export async function listenersBlocked(listeners: Listener[]): Promise<string[]> {
  const problems = await Promise.all(listeners.map(({ host, port }) => bindProblem(host, port)));
  return listeners.flatMap(({ node, host, port }, index) => {
    const problem = problems[index];
    return problem === undefined ? [] : [`${node} ${endpoint(host, port)} (${problem})`];
  });
}

/** Linux's default range of ephemeral ports, where it is not readable. */
const DEFAULT_EPHEMERAL: [number, number] = [32_768, 60_999];

/** The ports the kernel hands out to outgoing connections (`ip_local_port_range`). */
export function ephemeralPortRange(file = '/proc/sys/net/ipv4/ip_local_port_range'): [number, number] {
  try {
    const [low, high] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    if (low !== undefined && high !== undefined && Number.isInteger(low) && Number.isInteger(high)) {
      return [low, high];
    }
  } catch {
    // not Linux, or /proc not mounted: assume the default
  }
  return DEFAULT_EPHEMERAL;
}

/**
 * A base port whose next `span` ports are all free and reserved by no other live process of this
 * machine, picked at random below the ephemeral range, and reserved for this process: a port that is
 * free when picked but inside that range may be handed to one of the network's own outgoing
 * connections before the server that wants it starts listening (seen as EADDRINUSE on a chaincode
 * server); a port of a network that is stopped for a while is free, but not to be taken (seen as
 * EADDRINUSE on a restarted orderer). Random, so that concurrent test runs rarely even try the same block.
 */
export async function findFreeBasePort(
  span: number,
  host = '127.0.0.1',
  attempts = 50,
  reservations = RESERVATIONS_DIR,
): Promise<number> {
  const low = 10_000;
  const [ephemeralLow] = ephemeralPortRange();
  const high = Math.max(low + span, Math.min(ephemeralLow, 65_535) - span);
  return withReservationLock(async () => {
    const reserved = reservedBlocks(reservations);
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const block = { base: low + Math.floor(Math.random() * (high - low)), span };
      if (reserved.some((other) => overlaps(block, other))) continue;
      const ports = Array.from({ length: span }, (_, index) => block.base + index);
      if ((await portsInUse(host, ports)).length > 0) continue;
      reserveBlock(block, reservations);
      return block.base;
    }
    throw new Error(`no block of ${span} free ports found on ${host} after ${attempts} attempts`);
  }, reservations);
}
