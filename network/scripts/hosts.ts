import { isIPv4 } from 'node:net';

/** One DNS label (RFC 1123): letters, digits and inner hyphens, at most 63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The address that binds every interface: fine to listen on, meaningless to advertise. */
const WILDCARD = '0.0.0.0';

/**
 * What a host may be, for messages. No IPv6 literal: Fabric's gossip refuses a bracketed endpoint
 * ("[::1]:7051 isn't formatted as 'host:port'") and its orderer cannot bind one (seen on the Fabric
 * build here), so an IPv6 host needs a DNS name.
 */
export const HOST_RULE = 'a DNS name or an IPv4 address (an IPv6 host needs a DNS name)';

/** A DNS name or an IPv4 address that others can dial (no wildcard). */
export function isHost(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253) return false;
  if (isIPv4(value)) return value !== WILDCARD;
  // A name made only of digits and dots would be read as a (malformed) IPv4 address.
  if (/^[\d.]+$/.test(value)) return false;
  return value.split('.').every((label) => LABEL.test(label));
}

/** An address a process may bind: a host, or 0.0.0.0 for every interface. */
export function isListenHost(value: unknown): value is string {
  return value === WILDCARD || isHost(value);
}

/** A TCP port others can dial: an integer from 1 to 65535. */
export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Where the node's own tools (health probes, admin CLIs on the same host) reach it. */
export function localAddress(listenHost: string): string {
  return listenHost === WILDCARD ? '127.0.0.1' : listenHost;
}

export function endpoint(host: string, port: number): string {
  return `${host}:${String(port)}`;
}

/** What a node's TLS certificate must name: its advertised host, its local address, its name, localhost. */
export function tlsHostNames(node: { host: string; listenHost: string; name: string }): string[] {
  return [...new Set([node.host, localAddress(node.listenHost), node.name, 'localhost'])];
}

export interface Listener {
  /** The process that listens, for messages. */
  node: string;
  host: string;
  port: number;
}

/**
 * Pairs of listeners that cannot both bind: the same port on the same address, or on the wildcard
 * and any address.
 */
export function clashingListeners(listeners: Listener[]): [Listener, Listener][] {
  const clashes: [Listener, Listener][] = [];
  listeners.forEach((a, index) => {
    for (const b of listeners.slice(index + 1)) {
      const overlap = a.host === b.host || a.host === WILDCARD || b.host === WILDCARD;
      if (a.port === b.port && overlap) clashes.push([a, b]);
    }
  });
  return clashes;
}
