// Bundles the page's JavaScript with esbuild, from the pinned npm packages, into target/js/,
// which index.html has Trunk copy into dist/. Run by ./dev (ensure_bundles) before every
// Trunk build; by hand: `node tools/build-bundles.mjs [outdir]`.
//
// - echarts.clover.min.js: the ECharts the page loads (only the parts tools/echarts-entry.mjs
//   registers), a classic script that defines the global `echarts` (charming's wasm renderer
//   calls `echarts.init`);
// - deck.clover.min.js: the deck's exports (tools/deck-entry.mjs: pptxgenjs and
//   html-to-image), loaded only when a presenter exports, defining the global `CloverDeck`.
//
// Both must run under the page's CSP (no eval, no new Function): this script fails when a
// bundle contains either, or a `process.env` a browser lacks.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] || join(ROOT, 'target/js'));
const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// The notices the full dist/echarts.min.js carries, kept in the smaller build.
const banner = `/*!
 * Apache ECharts ${version('echarts')} (parts: tools/echarts-entry.mjs), with ZRender ${version('zrender')} and tslib.
 * Apache ECharts: Copyright 2017-2024 The Apache Software Foundation. This product includes
 * software developed at The Apache Software Foundation (https://www.apache.org/).
 * Licensed under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0
 * ZRender: Copyright (c) 2017, Baidu Inc. BSD 3-Clause License (node_modules/zrender/LICENSE).
 */`;

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  // Libraries keep their developer checks behind process.env.NODE_ENV.
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'eof',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [join(ROOT, 'tools/echarts-entry.mjs')],
  outfile: join(outdir, 'echarts.clover.min.js'),
  // `var echarts = ...` at the top of a classic script: the global charming calls.
  globalName: 'echarts',
  banner: { js: banner },
});

await build({
  ...common,
  entryPoints: [join(ROOT, 'tools/deck-entry.mjs')],
  outfile: join(outdir, 'deck.clover.min.js'),
  banner: {
    js: `/*! Clover's deck exports: PptxGenJS ${version('pptxgenjs')} (MIT, with JSZip: MIT or GPLv3), html-to-image ${version('html-to-image')} (MIT). Licences: node_modules/<package>/LICENSE. */`,
  },
});

for (const name of ['echarts.clover.min.js', 'deck.clover.min.js']) {
  const outfile = join(outdir, name);
  // JSZip carries a setImmediate polyfill that builds a function from a *string* callback;
  // JSZip only ever passes functions, so that branch never runs (and the CSP would stop it).
  const code = readFileSync(outfile, 'utf8').replace(/typeof (\w+)!="function"&&\(\1=new Function\(""\+\1\)\)/g, '');
  const forbidden = [
    [/\bnew Function\b/, 'new Function (blocked by the CSP)'],
    [/\beval\s*\(/, 'eval (blocked by the CSP)'],
    [/\bprocess\.env\b/, 'process.env (undefined in a browser)'],
  ].filter(([re]) => re.test(code));
  if (forbidden.length) {
    console.error(`build-bundles: ${relative(ROOT, outfile)} contains ${forbidden.map(([, why]) => why).join(', ')}`);
    process.exit(1);
  }
  const raw = statSync(outfile).size;
  const gz = gzipSync(readFileSync(outfile), { level: 9 }).length;
  const n = (b) => b.toLocaleString('en');
  console.log(`build-bundles: ${relative(ROOT, outfile)} ${n(raw)} bytes raw, ${n(gz)} gzipped (-9)`);
}
