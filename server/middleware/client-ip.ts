/**
 * Who is calling: the socket's remote address, never a header a client can forge. Only when that
 * address is one of the operator's reverse proxies (TRUST_PROXY: addresses or CIDR ranges) is
 * X-Forwarded-For read, right to left, skipping the trusted proxies' own entries: the first
 * address no trusted proxy owns is the client. A direct client, whatever it writes in the header,
 * is keyed by its socket. IPv6 clients are grouped by /64 (one host usually owns a whole /64, so
 * per-address buckets would be trivial to dodge).
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { inRanges, type CidrRange } from '../../core/cidr.js';

export interface ClientIpOptions {
  /** Trusted reverse proxies (AppConfig.trustProxy); empty = the socket address, always. */
  trustProxy: readonly CidrRange[];
}

export const DEFAULT_CLIENT_IP: ClientIpOptions = { trustProxy: [] };

/** Shared key for requests that carry no socket (app.request() in tests, other runtimes). */
export const UNKNOWN_CLIENT = 'unknown';

export function socketAddress(c: Context): string | null {
  // app.request() without bindings has no `incoming`: getConnInfo would throw.
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env || (!env.incoming && !env.server?.incoming)) return null;
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

export function clientIp(c: Context, options: Partial<ClientIpOptions> = {}): string {
  const o: ClientIpOptions = { ...DEFAULT_CLIENT_IP, ...options };
  const socket = socketAddress(c);
  if (socket && inRanges(socket, o.trustProxy)) {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // Each proxy appends the address it saw: walk back past our own proxies; what is left of the
    // first foreign entry was written by the client and is not believed.
    for (let i = chain.length - 1; i >= 0; i--) {
      const entry = chain[i]!;
      if (!isIP(entry)) break;
      if (inRanges(entry, o.trustProxy)) continue;
      return clientKey(entry);
    }
  }
  return socket ? clientKey(socket) : UNKNOWN_CLIENT;
}

/** Normalise an address into a rate-limit key: IPv4-mapped IPv6 → IPv4, IPv6 → its /64. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  if (right.some((g) => g.includes('.')) || left.some((g) => g.includes('.'))) return null;
  const missing = 8 - left.length - right.length;
  if (tail === undefined && missing !== 0) return null;
  const groups = [...left, ...Array.from({ length: Math.max(0, missing) }, () => '0'), ...right];
  return groups.length === 8 ? groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')) : null;
}
