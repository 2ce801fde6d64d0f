/**
 * Bytes → string for text formats (txt, md, html). Valid UTF-8 is always taken as UTF-8 (a
 * detector guessing on short French text sometimes says ISO-8859-2 or similar); only invalid
 * UTF-8 goes to `chardet`, and iconv-lite decodes what it finds. Binary content is refused here
 * so a PNG renamed .txt gives a clear error instead of mojibake passages.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { AppError } from '../../core/errors.js';

export interface DecodeOptions {
  /** Above this share of control / replacement characters the bytes are called binary. */
  maxControlRatio: number;
  /** Bytes examined for NUL / UTF-16 patterns (whole file for the final control-char check). */
  sampleBytes: number;
  /** Used when invalid UTF-8 and the detector has no answer: the usual Western legacy encoding. */
  fallbackEncoding: string;
}

export const DEFAULT_DECODE: DecodeOptions = {
  maxControlRatio: 0.01,
  sampleBytes: 64 * 1024,
  fallbackEncoding: 'windows-1252',
};

export interface DecodedText {
  text: string;
  /** iconv-lite / WHATWG encoding name actually used. */
  encoding: string;
  /** How it was chosen: bom, utf8 (valid UTF-8), declared (e.g. <meta charset>), detected, fallback. */
  via: 'bom' | 'utf8' | 'declared' | 'detected' | 'fallback' | 'utf16-pattern';
}

export function decodeText(
  bytes: Uint8Array,
  fileName: string,
  options: Partial<DecodeOptions> & { declaredEncoding?: string } = {},
): DecodedText {
  const opts: DecodeOptions = { ...DEFAULT_DECODE, ...options };
  if (bytes.length === 0) throw unreadable(fileName, 'the file is empty');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const decoded = decodeBytes(buf, opts, options.declaredEncoding);
  if (decoded === null) throw unreadable(fileName, 'it looks like binary data, not text (NUL bytes)');
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (looksBinary(text, opts.maxControlRatio)) {
    throw unreadable(fileName, 'it looks like binary data, not text (control characters or undecodable bytes)');
  }
  if (text.trim() === '') throw unreadable(fileName, 'the file holds only whitespace');
  return { ...decoded, text };
}

function decodeBytes(buf: Buffer, opts: DecodeOptions, declared: string | undefined): DecodedText | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', via: 'bom' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', via: 'bom' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', via: 'bom' };

  const sample = buf.subarray(0, opts.sampleBytes);
  if (sample.includes(0)) {
    // NULs in text only come from BOM-less UTF-16 (ASCII letters with a zero high byte).
    const utf16 = utf16Pattern(sample);
    if (utf16) return { text: iconv.decode(buf, utf16), encoding: utf16, via: 'utf16-pattern' };
    return null;
  }

  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', via: 'utf8' };

  if (declared && iconv.encodingExists(declared) && !/^utf-?8$/i.test(declared)) {
    return { text: iconv.decode(buf, declared), encoding: declared.toLowerCase(), via: 'declared' };
  }

  const detected = chardet.detect(sample);
  if (detected && iconv.encodingExists(detected) && !/^utf-?8$/i.test(detected)) {
    const encoding = widenLatin1(detected, sample);
    return { text: iconv.decode(buf, encoding), encoding, via: 'detected' };
  }
  return { text: iconv.decode(buf, opts.fallbackEncoding), encoding: opts.fallbackEncoding, via: 'fallback' };
}

function strictUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/**
 * chardet reports ISO-8859-1 for most Western text, but files written on Windows put ’ “ ” € …
 * in 0x80–0x9F, which ISO-8859-1 maps to invisible C1 controls: windows-1252 is the superset.
 */
function widenLatin1(encoding: string, sample: Buffer): string {
  if (!/^iso-8859-1$/i.test(encoding)) return encoding.toLowerCase();
  for (const b of sample) if (b >= 0x80 && b <= 0x9f) return 'windows-1252';
  return 'iso-8859-1';
}

function utf16Pattern(sample: Buffer): 'utf-16le' | 'utf-16be' | null {
  let evenZeros = 0;
  let oddZeros = 0;
  const n = sample.length - (sample.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (pairs === 0) return null;
  if (oddZeros / pairs > 0.3 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.3 && oddZeros / pairs < 0.05) return 'utf-16be';
  return null;
}

// C0 controls except tab / LF / FF / CR, DEL, C1 controls, and U+FFFD from undecodable bytes.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/g;

export function looksBinary(text: string, maxRatio: number): boolean {
  if (text.length === 0) return false;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls / text.length > maxRatio;
}

function unreadable(fileName: string, why: string): AppError {
  return new AppError('DOCUMENT_UNREADABLE', `Cannot read "${fileName}": ${why}.`, { details: { file: fileName } });
}

/**
 * Byte-level <meta charset> prescan (what browsers do before parsing): looks only at the first
 * 1024 bytes as ASCII for an encoding label, it does not parse HTML.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  const m = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return m?.[1];
}
