#!/usr/bin/env node
// Sums the gzip size of the JavaScript the first page load needs: every script and
// modulepreload that dist/index.html references. Exits 1 over the budget.
// Usage: node frontend/scripts/check-bundle-size.mjs [--budget-kb 150] [--dist path]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

/** @param {string} name @param {string} fallback */
function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const budgetKb = Number(arg('--budget-kb', '150'));
const dist = resolve(arg('--dist', join(here, '..', 'dist')));
const indexPath = join(dist, 'index.html');

if (!existsSync(indexPath)) {
  console.error(`check-bundle-size: ${indexPath} not found; run \`npm run build -w frontend\` first.`);
  process.exit(2);
}

const html = readFileSync(indexPath, 'utf8');
/** @type {Set<string>} */
const files = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
  const isScript = /^<script/i.test(tag);
  const isPreload = /\brel=["']?modulepreload["']?/i.test(tag);
  if (!isScript && !isPreload) continue;
  const src = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag)?.[1];
  if (!src || /^(?:[a-z]+:)?\/\//i.test(src) || src.startsWith('data:')) continue;
  files.add(src.split(/[?#]/)[0]);
}

if (files.size === 0) {
  console.error('check-bundle-size: dist/index.html references no JavaScript; is the build broken?');
  process.exit(2);
}

let total = 0;
const rows = [];
for (const src of files) {
  const path = join(dist, src.replace(/^\//, ''));
  if (!existsSync(path)) {
    console.error(`check-bundle-size: ${src} is referenced by index.html but missing from dist`);
    process.exit(2);
  }
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push({ file: src, raw, gz });
}

const kb = (/** @type {number} */ bytes) => (bytes / 1024).toFixed(1);
for (const row of rows) console.log(`  ${row.file}  ${kb(row.raw.length)} KB raw, ${kb(row.gz)} KB gzip`);
const verdict = total <= budgetKb * 1024 ? 'OK' : 'OVER BUDGET';
console.log(`Initial JS: ${kb(total)} KB gzip (budget ${budgetKb} KB) ${verdict}`);
process.exit(verdict === 'OK' ? 0 : 1);
