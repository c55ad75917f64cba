// Bundles the ECharts that the page loads (only the parts tools/echarts-entry.mjs registers)
// with esbuild, from the pinned npm packages, into target/echarts/echarts.clover.min.js,
// which index.html has Trunk copy into dist/. Run by ./dev (ensure_echarts) before every
// Trunk build; by hand: `node tools/build-echarts.mjs [outfile]`.
//
// The result is a classic script that defines the global `echarts` (charming's wasm renderer
// calls `echarts.init`). It must run under the page's CSP (no eval, no new Function): this
// script fails when the bundle contains either, or a `process.env` a browser lacks.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(process.argv[2] || join(ROOT, 'target/echarts/echarts.clover.min.js'));
const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// The notices the full dist/echarts.min.js carries, kept in the smaller build.
const banner = `/*!
 * Apache ECharts ${version('echarts')} (parts: tools/echarts-entry.mjs), with ZRender ${version('zrender')} and tslib.
 * Apache ECharts: Copyright 2017-2024 The Apache Software Foundation. This product includes
 * software developed at The Apache Software Foundation (https://www.apache.org/).
 * Licensed under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0
 * ZRender: Copyright (c) 2017, Baidu Inc. BSD 3-Clause License (node_modules/zrender/LICENSE).
 */`;

await build({
  entryPoints: [join(ROOT, 'tools/echarts-entry.mjs')],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  // `var echarts = ...` at the top of a classic script: the global charming calls.
  globalName: 'echarts',
  platform: 'browser',
  target: 'es2020',
  // ECharts' modules keep their developer checks behind process.env.NODE_ENV.
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: banner },
  legalComments: 'eof',
  logLevel: 'warning',
});

const code = readFileSync(outfile, 'utf8');
const forbidden = [
  [/\bnew Function\b/, 'new Function (blocked by the CSP)'],
  [/\beval\s*\(/, 'eval (blocked by the CSP)'],
  [/\bprocess\.env\b/, 'process.env (undefined in a browser)'],
].filter(([re]) => re.test(code));
if (forbidden.length) {
  console.error(`build-echarts: ${relative(ROOT, outfile)} contains ${forbidden.map(([, why]) => why).join(', ')}`);
  process.exit(1);
}
const raw = statSync(outfile).size;
const gz = gzipSync(code, { level: 9 }).length;
const n = (b) => b.toLocaleString('en');
console.log(`build-echarts: ${relative(ROOT, outfile)} ${n(raw)} bytes raw, ${n(gz)} gzipped (-9)`);
