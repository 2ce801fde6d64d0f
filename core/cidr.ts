/**
 * IP addresses and CIDR ranges, for the operator's list of trusted reverse proxies (TRUST_PROXY):
 * parsed once at start, matched per request. IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) match
 * their IPv4 form. `loopback` stands for 127.0.0.0/8 and ::1.
 */
import { isIP } from 'node:net';
import { AppError } from './errors.js';

export interface CidrRange {
  /** The text as configured (for logs and messages). */
  source: string;
  version: 4 | 6;
  /** 32 or 128 bits as a bigint, network bits only. */
  network: bigint;
  bits: number;
}

export function parseCidrList(raw: string, name = 'TRUST_PROXY'): CidrRange[] {
  const out: CidrRange[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item.toLowerCase() === 'loopback') {
      out.push(parseCidr('127.0.0.0/8', name), parseCidr('::1/128', name));
      continue;
    }
    out.push(parseCidr(item, name));
  }
  return out;
}

export function parseCidr(text: string, name = 'TRUST_PROXY'): CidrRange {
  const [addr = '', prefix] = text.split('/') as [string, string | undefined];
  const version = isIP(addr);
  const bad = () =>
    new AppError('INVALID_PARAMETER', `${name}: "${text}" is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1, loopback).`);
  if (version !== 4 && version !== 6) throw bad();
  const max = version === 4 ? 32 : 128;
  let bits = max;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) throw bad();
    bits = Number(prefix);
  }
  const value = toBigInt(addr);
  if (value === null) throw bad();
  return { source: text, version, network: mask(value, bits, max), bits };
}

/** Whether `address` (as a socket or header gives it) lies in one of the ranges. */
export function inRanges(address: string, ranges: readonly CidrRange[]): boolean {
  if (ranges.length === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const addr = mapped?.[1] ?? address.split('%')[0]!;
  const version = isIP(addr);
  if (version !== 4 && version !== 6) return false;
  const value = toBigInt(addr);
  if (value === null) return false;
  const max = version === 4 ? 32 : 128;
  return ranges.some((r) => r.version === version && mask(value, r.bits, max) === r.network);
}

/** Loopback addresses and names: where an unauthenticated server may listen. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return inRanges(h, LOOPBACK);
}

const LOOPBACK: CidrRange[] = parseCidrList('loopback');

function mask(value: bigint, bits: number, max: number): bigint {
  if (bits === 0) return 0n;
  const shift = BigInt(max - bits);
  return (value >> shift) << shift;
}

function toBigInt(addr: string): bigint | null {
  if (isIP(addr) === 4) {
    return addr.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
  }
  const [head = '', tail] = addr.split('::') as [string, string | undefined];
  const parse = (s: string): string[] => (s ? s.split(':') : []);
  let left = parse(head);
  let right = parse(tail ?? '');
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const lastList = tail !== undefined ? right : left;
  const last = lastList[lastList.length - 1];
  if (last && last.includes('.')) {
    if (isIP(last) !== 4) return null;
    const v4 = last.split('.').map(Number);
    const groups = [((v4[0]! << 8) | v4[1]!).toString(16), ((v4[2]! << 8) | v4[3]!).toString(16)];
    if (tail !== undefined) right = [...right.slice(0, -1), ...groups];
    else left = [...left.slice(0, -1), ...groups];
  }
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  const groups = [...left, ...Array.from({ length: missing }, () => '0'), ...right];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}
