/**
 * The client's address, from the Node adapter's `req` (an IPv4 client on a dual-stack socket without
 * its `::ffff:` prefix); 'unknown' in-process (tests), where there is no socket. X-Forwarded-For is not
 * trusted: the node is not meant to sit behind a proxy that sets it.
 */
export function clientAddress(serverContext: Record<string, unknown>): string {
  const req = serverContext.req as { socket?: { remoteAddress?: string } } | undefined;
  const address = req?.socket?.remoteAddress;
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
