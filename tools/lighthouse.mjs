// ./dev lighthouse: Lighthouse's mobile performance score of the release build's first page,
// with Lighthouse's default settings (mobile form factor, simulated throttling: slow 4G and a
// 4x slower CPU), in Debian's Chromium. Prints the score, FCP, LCP, TBT, Speed Index and CLS
// of each run and their medians. A measurement, not a test: ./dev test never runs it.
//
//   node tools/lighthouse.mjs [--dist DIR] [--runs N] [--no-gzip] [--lighthouse BIN]
//
// The build is served on 127.0.0.1 the way a static host serves it: every file with its
// content type, and text and wasm gzip-compressed when the browser asks (as GitHub Pages,
// Netlify, S3 + CloudFront or nginx with gzip on do). --no-gzip serves the files as they are
// (a plain file server, such as `python3 -m http.server`: the score is then much lower). Lighthouse itself is pinned in
// tools/lighthouse/package-lock.json and installed into target/lighthouse/ by ./dev.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const COMPRESS = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json']);

function args() {
  const a = process.argv.slice(2);
  const o = { dist: resolve(process.env.CLOVER_DIST || join(ROOT, 'dist')), runs: 3, gzip: true, bin: join(ROOT, 'target/lighthouse/node_modules/.bin/lighthouse') };
  for (let i = 0; i < a.length; i++) {
    const v = () => a[++i];
    if (a[i] === '--dist') o.dist = resolve(v());
    else if (a[i] === '--runs') o.runs = Number(v());
    else if (a[i] === '--lighthouse') o.bin = resolve(v());
    else if (a[i] === '--no-gzip') o.gzip = false;
    else {
      console.error(`lighthouse: unknown argument ${a[i]}\nusage: node tools/lighthouse.mjs [--dist DIR] [--runs N] [--no-gzip] [--lighthouse BIN]`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) {
    console.error('lighthouse: --runs needs a whole number of at least 1');
    process.exit(2);
  }
  return o;
}

/** A static host for `dir` on 127.0.0.1, gzip when asked and `gzip` (each file compressed once). */
async function host(dir, gzip) {
  const gz = new Map();
  const server = createServer((req, res) => {
    let rel = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (rel.endsWith('/')) rel += 'index.html';
    const file = join(dir, rel);
    let info;
    try {
      info = statSync(file);
    } catch {
      info = null;
    }
    if (!file.startsWith(dir) || !info?.isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const ext = extname(file);
    const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'no-cache' };
    let body = readFileSync(file);
    if (gzip && COMPRESS.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!gz.has(file)) gz.set(file, gzipSync(body, { level: 9 }));
      body = gz.get(file);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

const run = (cmd, argv, opts) => new Promise((ok, fail) => {
  const child = spawn(cmd, argv, opts);
  child.on('error', fail);
  child.on('exit', (code) => ok(code));
});

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

async function main() {
  const o = args();
  statSync(join(o.dist, 'index.html'), { throwIfNoEntry: false }) || (console.error(`lighthouse: no build at ${o.dist}`), process.exit(2));
  const site = await host(o.dist, o.gzip);
  const out = join(ROOT, 'target/lighthouse/reports');
  mkdirSync(out, { recursive: true });
  const runs = [];
  try {
    for (let i = 0; i < o.runs; i++) {
      const report = join(out, `run-${i + 1}.json`);
      // Not spawnSync: the site is served by this process, whose event loop must keep running.
      const status = await run(o.bin, [site.url, '--only-categories=performance', '--output=json', `--output-path=${report}`, '--quiet',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage'],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }, stdio: ['ignore', 'inherit', 'inherit'] });
      if (status !== 0) throw new Error(`lighthouse exited with ${status}`);
      const lhr = JSON.parse(readFileSync(report, 'utf8'));
      const audit = (id) => lhr.audits[id]?.numericValue;
      const one = {
        score: Math.round(lhr.categories.performance.score * 100),
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        si: audit('speed-index'),
        cls: audit('cumulative-layout-shift'),
        version: lhr.lighthouseVersion,
        ua: lhr.environment?.hostUserAgent,
      };
      runs.push(one);
      console.log(`run ${i + 1}: score ${one.score}, FCP ${(one.fcp / 1000).toFixed(1)} s, LCP ${(one.lcp / 1000).toFixed(1)} s, TBT ${Math.round(one.tbt)} ms, Speed Index ${(one.si / 1000).toFixed(1)} s, CLS ${one.cls.toFixed(3)}`);
    }
  } finally {
    await site.close();
  }
  const m = (k) => median(runs.map((r) => r[k]));
  const chrome = /Chrome\/([\d.]+)/.exec(runs[0].ua || '')?.[1] || '?';
  console.log('');
  console.log(`Lighthouse ${runs[0].version}, mobile, default (simulated) throttling, Chromium ${chrome}, ${o.gzip ? 'served gzipped' : 'served uncompressed'}, ${new Date().toISOString().slice(0, 10)}; medians of ${runs.length} runs (reports in ${out}):`);
  console.log(`performance ${m('score')} (target ≥ 90: ${m('score') >= 90 ? 'met' : 'MISSED'}); FCP ${(m('fcp') / 1000).toFixed(1)} s, LCP ${(m('lcp') / 1000).toFixed(1)} s, TBT ${Math.round(m('tbt'))} ms, Speed Index ${(m('si') / 1000).toFixed(1)} s, CLS ${m('cls').toFixed(3)}`);
}

main().catch((e) => {
  console.error(`lighthouse: ${e.stack || e}`);
  process.exit(1);
});
