/**
 * DNS-rebinding defence: a page on attacker.example whose name is made to resolve to 127.0.0.1
 * reaches this server as same-origin for the browser, but its requests carry
 * `Host: attacker.example`. Only the host names the server is meant to be reached by are answered
 * (403 HOST_NOT_ALLOWED otherwise), on every path: the page, /health and the API alike.
 *
 * Names are compared without the port, case-insensitively. The default list (ALLOWED_HOSTS unset):
 * localhost, 127.0.0.1, ::1, the listen address itself, and for a wildcard listen address
 * (0.0.0.0, ::) this machine's host name and interface addresses. ALLOWED_HOSTS=* turns the check off.
 */
import os from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';

export interface HostCheckOptions {
  /** Lower-case host names / addresses (IPv6 without brackets); ['*'] = any. */
  allowed: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** The allow-list for a listen address when ALLOWED_HOSTS is not set. */
export function defaultAllowedHosts(listenHost: string): string[] {
  const names = new Set(LOOPBACK_NAMES);
  const host = bare(listenHost);
  if (host === '0.0.0.0' || host === '::' || host === '') {
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) names.add(bare(a.address));
    }
  } else names.add(host);
  return [...names];
}

export function hostCheck(options: HostCheckOptions): MiddlewareHandler {
  const allowed = new Set(options.allowed.map(bare));
  if (allowed.has('*')) return async (_c, next) => next();
  return async (c, next) => {
    // Node's server builds the request URL from the Host header; app.request() from its argument.
    const raw = c.req.header('host') ?? new URL(c.req.url).host;
    const name = hostName(raw);
    if (!allowed.has(name) && !(name.endsWith('.localhost') && allowed.has('localhost'))) {
      throw new AppError('HOST_NOT_ALLOWED', `This server does not answer to the host name "${name.slice(0, 100)}".`, {
        details: { host: name.slice(0, 100) },
      });
    }
    await next();
  };
}

/** "Example.org:3000" → "example.org", "[::1]:3000" → "::1". */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  // One colon: host:port. More: a bare IPv6 address (not valid in a Host header, kept whole).
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

function bare(name: string): string {
  return name.trim().toLowerCase().replace(/^\[|\]$/g, '');
}
