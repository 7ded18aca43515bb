import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { endpoint } from './hosts.ts';

/** True if GET url answers 200 within a second (the operations endpoints' /healthz). */
export async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** GET url: its status and body, or undefined when it does not answer within `timeoutMs`. */
export async function httpGet(
  url: string,
  timeoutMs = 1000,
): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

export function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => {
      done(true);
    });
    socket.once('error', () => {
      done(false);
    });
    socket.once('timeout', () => {
      done(false);
    });
  });
}

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = TimeoutError.name;
  }
}

/** Polls `probe` until it holds; `onTimeout` supplies the detail (a log tail) for the error. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  onTimeout: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) {
      const detail = onTimeout();
      throw new TimeoutError(`${what} not ready after ${timeoutMs / 1000}s${detail ? `\n${detail}` : ''}`);
    }
    await sleep(250);
  }
}

export function healthUrl(host: string, opsPort: number): string {
  return `http://${endpoint(host, opsPort)}/healthz`;
}
