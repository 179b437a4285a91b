import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface StaticAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

/** The page's own files, next to this module. */
export const PUBLIC_DIR = resolve(__dirname, 'public');

/** chart.js's browser build from node_modules (served at /vendor/chart.js; no CDN). */
export function chartJsBundlePath(): string {
  // The package's `require` entry is dist/chart.cjs; the UMD bundle sits beside it.
  return join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * URL path -> file. A fixed table rather than a folder lookup: nothing outside it is served,
 * so no path in a request can reach another file.
 */
export function staticFileTable(
  publicDir = PUBLIC_DIR,
  chartJs = chartJsBundlePath(),
): Record<string, string> {
  return {
    '/': join(publicDir, 'index.html'),
    '/index.html': join(publicDir, 'index.html'),
    '/dashboard.js': join(publicDir, 'dashboard.js'),
    '/styles.css': join(publicDir, 'styles.css'),
    '/vendor/chart.js': chartJs,
  };
}

/** Reads every static file once at start-up (they are small); fails early if one is missing. */
export function loadStaticAssets(
  table: Record<string, string> = staticFileTable(),
): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const [urlPath, file] of Object.entries(table)) {
    if (!existsSync(file)) {
      throw new Error(
        `static file for ${urlPath} is missing: ${file}` +
          (urlPath.startsWith('/vendor/') ? ' (run npm ci to install chart.js)' : ''),
      );
    }
    const body = readFileSync(file);
    const extension = file.slice(file.lastIndexOf('.'));
    assets.set(urlPath, {
      body,
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    });
  }
  return assets;
}
