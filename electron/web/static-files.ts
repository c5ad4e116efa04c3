// Serves the built renderer (dist/renderer) to the browser: right MIME types, the CSP header, nothing outside the folder.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../services/csp.js';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Whether a path names one of the renderer bundle's scripts, styles, fonts or images (by its decoded extension):
 * public code, served without the token. The HTML page, anything without a known extension, and paths that do
 * not decode are not.
 */
export function isPublicAsset(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const ext = extname(decoded).toLowerCase();
  return ext !== '.html' && Object.prototype.hasOwnProperty.call(MIME_TYPES, ext);
}

/** Headers on every response the host sends. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(`${text}\n`);
}

/**
 * The file under `root` a URL path names, or a status to refuse with: 400 for undecodable paths or NUL bytes,
 * 403 for anything that resolves outside `root` (`..`, encoded `%2e%2e`, backslashes, absolute paths, symlinks out).
 */
export async function resolveStatic(root: string, pathname: string): Promise<{ file: string } | { status: 400 | 403 | 404 }> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (rel.includes('\0')) return { status: 400 };
  if (rel.includes('\\') || rel.split('/').includes('..')) return { status: 403 };
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${rel}`);
  if (!file.startsWith(base + sep)) return { status: 403 };
  try {
    const real = await realpath(file);
    const realBase = await realpath(base);
    if (!real.startsWith(realBase + sep)) return { status: 403 };
    if (!(await stat(real)).isFile()) return { status: 404 };
    return { file: real };
  } catch {
    return { status: 404 };
  }
}

export async function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const found = await resolveStatic(root, pathname);
  if (!('file' in found)) {
    sendText(res, found.status, { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found' }[found.status]);
    return;
  }
  const size = (await stat(found.file)).size;
  const isHtml = extname(found.file) === '.html';
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': MIME_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    // Hashed asset names never change; the page itself must be fetched fresh.
    'Cache-Control': isHtml ? 'no-store' : 'private, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file).on('error', () => res.destroy()).pipe(res);
}
