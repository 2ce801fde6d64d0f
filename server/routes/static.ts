/**
 * The chat page: files of web/ served from memory. The set of servable paths is fixed when the app
 * starts (a listing of web/), so no request path ever reaches the file system: no traversal, no
 * surprises from files added later.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../types.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

interface Asset {
  body: Uint8Array;
  type: string;
  etag: string;
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string, prefix: string) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const abs = path.join(folder, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs, `${prefix}${name}/`);
      else if (st.isFile() && TYPES[path.extname(name)]) {
        const body = readFileSync(abs);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
        assets.set(`/${prefix}${name}`, { body, type: TYPES[path.extname(name)] as string, etag });
      }
    }
  };
  walk(dir, '');
  return assets;
}

/**
 * Browser modules the page imports from npm packages, served as they ship (ES module builds, no
 * bundling): the page has no build step. URL → package specifier (resolved like an import).
 */
export const VENDOR_MODULES: Record<string, string> = {
  '/vendor/marked.esm.js': 'marked',
  '/vendor/purify.es.mjs': 'dompurify',
};

function loadVendor(assets: Map<string, Asset>): void {
  for (const [url, specifier] of Object.entries(VENDOR_MODULES)) {
    const body = readFileSync(fileURLToPath(import.meta.resolve(specifier)));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(url, { body, type: TYPES['.js'] as string, etag });
  }
}

export function staticRoutes(webDir: string = WEB_DIR): Hono<AppEnv> {
  const assets = loadAssets(webDir);
  loadVendor(assets);
  const app = new Hono<AppEnv>();
  app.get('*', async (c, next) => {
    const p = c.req.path === '/' ? '/index.html' : c.req.path;
    const asset = assets.get(p);
    if (!asset) return next();
    // no-cache + ETag: browsers revalidate every module cheaply (304), so an upgrade never runs a
    // mix of old and new modules.
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', asset.etag);
    if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
