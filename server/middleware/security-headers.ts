/**
 * Security headers on every response (pages, JSON, errors): a Content-Security-Policy that lets
 * the page load only from its own origin, nosniff, no referrer, no framing. HSTS stays off: the
 * server speaks plain HTTP on a local network and TLS, when any, is a proxy's business.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export interface SecurityHeadersOptions {
  /** CSP directives, camelCase as hono/secure-headers spells them. */
  contentSecurityPolicy: Record<string, string[]>;
  referrerPolicy: string;
}

export const DEFAULT_SECURITY_HEADERS: SecurityHeadersOptions = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
  },
  referrerPolicy: 'no-referrer',
};

export function securityHeaders(options: Partial<SecurityHeadersOptions> = {}): MiddlewareHandler {
  const o: SecurityHeadersOptions = { ...DEFAULT_SECURITY_HEADERS, ...options };
  return secureHeaders({
    contentSecurityPolicy: o.contentSecurityPolicy,
    referrerPolicy: o.referrerPolicy,
    xContentTypeOptions: true,
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
    removePoweredBy: true,
  });
}
