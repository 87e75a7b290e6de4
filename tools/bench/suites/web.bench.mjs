// The web console's JavaScript on first load, gzip-compressed, against its 250 KB budget: every
// script the built index.html loads (the entry and the chunks it preloads; chunks loaded later
// by dynamic import are not first load). Gzip level 6, what servers and CDNs commonly send.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const site = join(root, 'apps', 'web', 'dist');
const BUDGET_BYTES = 250 * 1024;

/** The same-origin scripts index.html loads at once: module entries and module preloads. */
export function firstLoadScripts(html) {
  const sources = new Set();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) sources.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) sources.add(match[1]);
  return [...sources].filter((source) => source.startsWith('/'));
}

export default async function run({ report }) {
  const index = join(site, 'index.html');
  if (!existsSync(index)) throw new Error(`the console is not built (${index}); run npx nx run @ohf/web:build`);
  const html = readFileSync(index, 'utf8');
  const scripts = firstLoadScripts(html);
  if (scripts.length === 0) throw new Error('index.html loads no script');
  let raw = 0;
  let compressed = 0;
  for (const script of scripts) {
    const body = readFileSync(join(site, script));
    raw += body.length;
    compressed += gzipSync(body, { level: 6 }).length;
  }
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"[^>]*>/g)].map((match) => match[1]);
  const css = styles.reduce((sum, style) => sum + gzipSync(readFileSync(join(site, style)), { level: 6 }).length, 0);
  const kilobytes = (bytes) => Math.round((bytes / 1024) * 10) / 10;
  report({
    name: `console JS on first load, gzip (${scripts.length} file${scripts.length === 1 ? '' : 's'})`,
    value: kilobytes(compressed),
    unit: 'KB',
    target: '≤ 250 KB',
    ratio: compressed / BUDGET_BYTES,
    pass: compressed <= BUDGET_BYTES,
  });
  report({ name: 'console JS on first load, uncompressed', value: kilobytes(raw), unit: 'KB', target: 'informational' });
  report({ name: 'console CSS, gzip', value: kilobytes(css), unit: 'KB', target: 'informational' });
}
