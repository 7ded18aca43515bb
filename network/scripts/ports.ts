import { createServer } from 'node:net';

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

export async function portsInUse(host: string, ports: number[]): Promise<number[]> {
  const free = await Promise.all(ports.map((port) => portFree(host, port)));
  return ports.filter((_, index) => !free[index]);
}

/**
 * A base port whose next `span` ports are all free, picked at random from a high range so that
 * concurrent test runs rarely even try the same block.
 */
export async function findFreeBasePort(span: number, host = '127.0.0.1', attempts = 50): Promise<number> {
  const low = 20_000;
  const high = 60_000 - span;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const base = low + Math.floor(Math.random() * (high - low));
    const ports = Array.from({ length: span }, (_, index) => base + index);
    if ((await portsInUse(host, ports)).length === 0) return base;
  }
  throw new Error(`no block of ${span} free ports found on ${host} after ${attempts} attempts`);
}
