// ./dev bench: Clover's load of a big Slack export, timed side by side with the floor any
// JavaScript tool pays (TextDecoder + JSON.parse of the same files) and with DuckDB-WASM
// computing comparable numbers, in ONE headless Chromium (pages in sequence, same machine
// state); then the one-thread analysis bench and the CLI's peak memory on a 2 GB export. It
// ends with one table: every row of the performance issue's table (Lighthouse excepted: it is
// `./dev lighthouse`), each with its target. Results are recorded in docs/performance.md.
//
//   node tools/bench.mjs [--dist DIR] [--work DIR] [--people N] [--issue-people N] [--no-duckdb]
//                        [--no-folder] [--no-analysis] [--cli-people N] [--issue-runs N]
//                        [--issue-only]
//
// --dist   the release build to time (default: $CLOVER_DIST or dist/, as the e2e harness)
// --work   where the export, its extracted files and results go (default: target/bench)
// --people the demo organisation's size (default 20000: about 1 million messages)
// --no-duckdb, --no-folder, --no-analysis  leave out (c), (e), (f)
// --issue-people the size of the export of issue 21's load and CLI rows (default 5800: about
//          240,000 messages, 70 MB of JSON, as the issue's 200k-message, 69 MB export; 0 leaves
//          (p) and (g) out); --issue-runs how many times (p) loads it each way (default 3,
//          medians); --issue-only measures (p) and the wasm sizes alone (no 20,000-person export)
// --cli-people also measure (g) on a demo of this many people (170000: 2.15 GB of JSON, the
//          earlier issue's row; default 0, left out). It is written, measured and deleted
//          (about 0.5 GB on disk).
//
// What is timed:
// (a) Clover: the export ZIP (and the demo's roster CSV, which gives Slack's people their
//     departments) picked through the file input; the page itself measures from handing the
//     files to the worker until the first complete analysis (data-load-ms on the Data view).
//     Then (d): a department filter changed on the funnel view, timed in the page with
//     performance.now() and a MutationObserver until the funnel's counts change; split into
//     the page before it asks the worker, the worker's analysis and its JSON (the worker puts
//     its own times beside its reply), the messages' way there and back, and the page after
//     the reply (parsing it, updating the views), from timers the bench puts around the
//     page's Worker (an init script; nothing in the app changes for it).
// (b) the floor: the extracted JSON files fetched into ArrayBuffers (untimed), then
//     TextDecoder.decode + JSON.parse of every file (timed). tests/bench/floor.*
// (c) DuckDB-WASM: started and the bytes fetched (untimed), then the messages and users loaded
//     into tables, weekly active people and a top-50 leaderboard (timed). read_json needs the
//     json extension, which duckdb-wasm downloads: it is tried untimed with autoload off and its
//     error printed; the tables come from duckdb-wasm's built-in JSON import instead
//     (tests/bench/duckdb.mjs says how). If DuckDB fails, the reason is printed and the rest stands.
// (b') the stricter floor: every file joined into one JSON array (untimed), then ONE decode and
//     ONE JSON.parse of it (timed): parsing without any per-file cost. tests/bench/floor.*
// (e) Clover again, the same export as an unzipped folder (the extracted files and the roster)
//     picked through the folder input: the page's own data-load-ms, as (a).
// (f) the analysis on one thread, as in the browser's worker: `taskset -c 0 cargo bench -p
//     clover-core --bench analysis`, its paired ratio of a whole-range analysis to a plain pass;
//     the same bench first times the demo generator (20,000 people, with its Clover JSON).
// (g) the CLI's peak memory: `clover analyze <export> --json` under /usr/bin/time -v, ÷ the
//     export's uncompressed size: the issue-sized export as its ZIP and as the unzipped folder
//     (and the demo with --cli-people people as its ZIP, when asked).
// (p) issue 21's load rows, the pool of import workers: the issue-sized export's ZIP alone (no
//     roster) loaded with the pool's N workers (the page's own choice: navigator.hardwareConcurrency
//     clamped to 2..8) and with `?workers=1`, each in a fresh page and followed in the same page
//     by ONE decode + ONE JSON.parse of the export's files joined into one array; and the same
//     export as an unzipped folder with N and with 1. Runs alternate between N and 1; medians
//     of --issue-runs runs.
// And the page's wasm, gzipped (gzip -9), from the build.
//
// The extracted files are also written one after another into <work>/slack.pack, which the
// pages fetch in one request (30,000 requests through the recording harness took minutes).
//
// This is a measurement, not a test: nothing here asserts a time, and ./dev test never runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { unzipSync } from 'fflate';
import { serve, launch, openPage, ROOT, DIST } from '../tests/e2e/harness.mjs';

const FRAME_MS = 16.7;
const LONG = 15 * 60_000; // generous: a 2-core VM under load is slow, and a time-out is no result

function args() {
  const a = process.argv.slice(2);
  const opts = { dist: DIST, work: join(ROOT, 'target/bench'), people: 20000, issuePeople: 5800, issueRuns: 3, issueOnly: false, duckdb: true, folder: true, analysis: true, cliPeople: 0 };
  for (let i = 0; i < a.length; i++) {
    const v = () => {
      if (i + 1 >= a.length) usage(`${a[i]} needs a value`);
      return a[++i];
    };
    if (a[i] === '--dist') opts.dist = resolve(v());
    else if (a[i] === '--work') opts.work = resolve(v());
    else if (a[i] === '--people') opts.people = Number(v());
    else if (a[i] === '--issue-people') opts.issuePeople = Number(v());
    else if (a[i] === '--issue-runs') opts.issueRuns = Number(v());
    else if (a[i] === '--issue-only') opts.issueOnly = true;
    else if (a[i] === '--no-duckdb') opts.duckdb = false;
    else if (a[i] === '--no-folder') opts.folder = false;
    else if (a[i] === '--no-analysis') opts.analysis = false;
    else if (a[i] === '--cli-people') opts.cliPeople = Number(v());
    else usage(`unknown argument ${a[i]}`);
  }
  if (!Number.isInteger(opts.people) || opts.people < 10) usage('--people needs a whole number of at least 10');
  if (!Number.isInteger(opts.cliPeople) || (opts.cliPeople !== 0 && opts.cliPeople < 10)) usage('--cli-people needs 0 or a whole number of at least 10');
  if (!Number.isInteger(opts.issuePeople) || (opts.issuePeople !== 0 && opts.issuePeople < 10)) usage('--issue-people needs 0 or a whole number of at least 10');
  if (!Number.isInteger(opts.issueRuns) || opts.issueRuns < 1) usage('--issue-runs needs a whole number of at least 1');
  if (opts.issueOnly && !opts.issuePeople) usage('--issue-only needs an issue-sized export (--issue-people above 0)');
  return opts;
}

function usage(why) {
  console.error(`bench: ${why}\nusage: node tools/bench.mjs [--dist DIR] [--work DIR] [--people N] [--issue-people N] [--issue-runs N] [--issue-only] [--no-duckdb] [--no-folder] [--no-analysis] [--cli-people N]`);
  process.exit(2);
}

const say = (s) => console.log(`\x1b[1;32m==>\x1b[0m ${s}`);
const n = (x) => (x == null ? 'n/a' : Math.round(x).toLocaleString('en'));
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const sec = (ms) => (ms == null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const ratio = (x, y) => (x == null || y == null || y === 0 ? null : x / y);
const fx = (r, d = 2) => (r == null ? 'n/a' : `${r.toFixed(d)}`);

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() || cpus()[0]?.model || 'unknown';
  let nproc;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    nproc = cpus().length;
  }
  // The load average says whether something else (a build) shared the cores during the run.
  return { nproc, cpu: model, ramGiB: Math.round(totalmem() / 2 ** 30), date: new Date().toISOString(), load: loadavg()[0] };
}

/** The demo export, written by the project's own CLI (natively, optimised; cargo caches the build). */
function makeExport(opts, people = opts.people, name = 'demo') {
  mkdirSync(opts.work, { recursive: true });
  const zip = join(opts.work, `${name}-slack.zip`);
  const roster = join(opts.work, `${name}-roster.csv`);
  say(`writing the demo Slack export (${people} people) with clover-cli (native profile)`);
  const r = spawnSync('cargo', ['run', '-q', '--profile', 'native', '-p', 'clover-cli', '--',
    'demo', '--people', String(people), '--format', 'slack', '--out', zip, '--roster', roster],
  { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  process.stderr.write(r.stderr || '');
  if (r.status !== 0) throw new Error(`clover demo failed (exit ${r.status})`);
  const m = /(\d+) people, (\d+) spaces, (\d+) posts, (\d+) replies, (\d+) reactions/.exec(r.stderr || '');
  const counts = m ? { people: +m[1], spaces: +m[2], posts: +m[3], replies: +m[4], reactions: +m[5] } : null;
  return { zip, roster, people, zipBytes: statSync(zip).size, rosterBytes: statSync(roster).size, counts };
}

/**
 * Extracts every file of the ZIP (fflate, in memory) into work/folder/, and writes them one
 * after another into work/slack.pack, which the bench pages fetch in one request and cut
 * back into files (tests/bench/common.mjs). The folder is the one (e) loads: the same
 * files and the roster, as a user who unzipped the export would pick it.
 */
function extract(zip, roster, work, name = 'folder', pack = 'slack.pack') {
  const dir = join(work, name);
  rmSync(join(work, 'slack'), { recursive: true, force: true }); // where earlier versions extracted
  rmSync(dir, { recursive: true, force: true });
  const entries = unzipSync(readFileSync(zip));
  const files = [];
  const parts = [];
  let bytes = 0;
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const out = join(dir, name);
    if (!out.startsWith(dir + '/')) throw new Error(`unsafe path in the ZIP: ${name}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, data);
    files.push({ name, size: data.length });
    parts.push(data);
    bytes += data.length;
  }
  writeFileSync(join(work, pack), Buffer.concat(parts, bytes));
  // The folder (e) picks: the paths the page sees start with its name (folder/general/…);
  // the roster goes beside the files.
  if (roster) copyFileSync(roster, join(dir, 'roster.csv'));
  return { dir, files, bytes, pack };
}

/** DuckDB-WASM's browser module imports apache-arrow by bare name: esbuild bundles the two. */
async function bundleDuckdb() {
  const outfile = join(ROOT, 'target/bench-web/duckdb-browser.mjs');
  await build({
    entryPoints: [join(ROOT, 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  return outfile;
}

/** The problems the harness recorded, and any request that did not go to 127.0.0.1. */
function netReport(page) {
  const external = page.requests().filter((u) => {
    const p = new URL(u);
    return !(p.protocol === 'data:' || p.protocol === 'blob:' || p.hostname === '127.0.0.1');
  });
  return { requests: page.requests().length, external, problems: page.problems() };
}

/**
 * Runs in the page before its own scripts (an init script): notes when the page posts each
 * request to its worker and when each reply with the worker's own timing (an analysis)
 * arrives, before the page's handler sees it.
 */
function timeWorker() {
  window.benchWorker = { posts: [], replies: [] };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (d && d.timing) window.benchWorker.replies.push({ at: performance.now(), analysis: d.timing.analysis, json: d.timing.json, bytes: d.json.length });
      });
    }
    postMessage(m, ...rest) {
      if (m && typeof m.json === 'string' && m.json.startsWith('{"kind":"analyze"')) window.benchWorker.posts.push({ at: performance.now() });
      return super.postMessage(m, ...rest);
    }
  };
}

async function benchClover(browser, appUrl, ex) {
  const page = await openPage(browser, appUrl, { initScript: timeWorker });
  try {
    const load = await timeLoad(page, 'file-input', [ex.zip, ex.roster]);
    // (d) a department filter on the funnel view.
    await page.click('nav button[data-view="funnel"]');
    await page.waitForSelector('[data-testid="funnel-stage"]');
    const departments = await page.$$eval('[data-testid="filter-department"] option', (os) => os.map((o) => o.value).filter(Boolean));
    const changes = [];
    for (const value of [departments[0], departments[1], ''].filter((v) => v !== undefined)) {
      const r = await page.evaluate(measureFilterChange, { value, timeoutMs: 120_000 });
      changes.push({ department: value || '(all)', ...r, ...(await page.evaluate(splitChange, r.t0)) });
      await page.waitForTimeout(500);
    }
    return { ...load, departments: departments.length, changes, net: netReport(page) };
  } finally {
    await page.context().close();
  }
}

/**
 * Runs in the page after a filter change that began at `t0`: the change split by the timers
 * of `timeWorker` (the last analysis asked for after `t0` and its reply).
 */
function splitChange(t0) {
  const w = window.benchWorker;
  const post = w?.posts.filter((p) => p.at >= t0).pop();
  const reply = w?.replies.filter((r) => post && r.at >= post.at)[0];
  if (!post || !reply) return { split: null };
  const worker = reply.analysis + reply.json;
  return {
    split: {
      before: post.at - t0,
      analysis: reply.analysis,
      json: reply.json,
      transfer: Math.max(0, reply.at - post.at - worker),
      bytes: reply.bytes,
      replyAt: reply.at - t0,
    },
  };
}

/**
 * Runs in the Clover page after a load: the same export's files joined into one JSON array
 * (fetched and joined untimed), then ONE decode + ONE JSON.parse of it, timed.
 */
async function oneParse({ pack, sizes }) {
  const res = await fetch(pack);
  const all = new Uint8Array(await res.arrayBuffer());
  const joined = new Uint8Array(all.length + sizes.length + 1);
  let o = 0;
  let at = 0;
  joined[o++] = 0x5b;
  for (let i = 0; i < sizes.length; i++) {
    if (i) joined[o++] = 0x2c;
    joined.set(all.subarray(at, at + sizes[i]), o);
    o += sizes[i];
    at += sizes[i];
  }
  joined[o++] = 0x5d;
  const t0 = performance.now();
  const parsed = JSON.parse(new TextDecoder().decode(joined.subarray(0, o)));
  const ms = performance.now() - t0;
  return { ms, values: parsed.length };
}

const medianOf = (xs) => {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
};

/**
 * (p): the issue-sized export with the pool's N workers and with one: its ZIP alone (then one
 * JSON.parse in the same page) and its unzipped folder, each in a fresh page.
 */
async function benchPool(browser, appUrl, dataUrl, iex, ifiles, opts) {
  const sizes = ifiles.files.map((f) => f.size);
  const probe = await openPage(browser, appUrl);
  const pool = await probe.evaluate(() => Math.min(8, Math.max(2, navigator.hardwareConcurrency || 2)));
  await probe.context().close();
  const runs = { zip: { [pool]: [], 1: [] }, parse: { [pool]: [], 1: [] }, folder: { [pool]: [], 1: [] } };
  const last = {};
  for (let r = 0; r < opts.issueRuns; r++) {
    for (const k of r % 2 ? [1, pool] : [pool, 1]) {
      say(`(p) run ${r + 1} of ${opts.issueRuns}: the ZIP with ${k} worker${k === 1 ? '' : 's'}, then one JSON.parse in the same page`);
      const page = await openPage(browser, `${appUrl}?workers=${k}`);
      try {
        const load = await timeLoad(page, 'file-input', [iex.zip]);
        runs.zip[k].push(load.loadMs);
        const parse = await page.evaluate(oneParse, { pack: `${dataUrl}${ifiles.pack}`, sizes });
        runs.parse[k].push(parse.ms);
        last[`zip${k}`] = { ...load, values: parse.values, net: netReport(page) };
      } finally {
        await page.context().close();
      }
      if (!opts.folder) continue;
      say(`(p) run ${r + 1} of ${opts.issueRuns}: the folder with ${k} worker${k === 1 ? '' : 's'}`);
      const fpage = await openPage(browser, `${appUrl}?workers=${k}`);
      try {
        const load = await timeLoad(fpage, 'folder-input', ifiles.dir);
        runs.folder[k].push(load.loadMs);
        last[`folder${k}`] = { ...load, net: netReport(fpage) };
      } finally {
        await fpage.context().close();
      }
    }
  }
  const m = (what, k) => medianOf(runs[what][k]);
  return { pool, runs, last, zip: { [pool]: m('zip', pool), 1: m('zip', 1) }, parse: { [pool]: m('parse', pool), 1: m('parse', 1) },
    folder: { [pool]: m('folder', pool), 1: m('folder', 1) } };
}

/** (e): the unzipped export picked as a folder, in a fresh page. */
async function benchFolder(browser, appUrl, dir) {
  const page = await openPage(browser, appUrl);
  try {
    const load = await timeLoad(page, 'folder-input', dir);
    return { ...load, net: netReport(page) };
  } finally {
    await page.context().close();
  }
}

/** Hands `files` to the input `input` and waits for the page's own load time (data-load-ms). */
async function timeLoad(page, input, files) {
  {
    await page.waitForSelector(`[data-testid="${input}"]`, { state: 'attached' });
    await page.evaluate(watchSteps);
    const wall0 = Date.now();
    await page.setInputFiles(`[data-testid="${input}"]`, files);
    await page.waitForSelector('.filters', { timeout: LONG });
    await page.click('nav button[data-view="data"]');
    // Polled slowly so that the driver does not steal time from the page it measures.
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="load-summary"]');
      return el && el.dataset.loadMs;
    }, null, { timeout: LONG, polling: 250 });
    const wallMs = Date.now() - wall0;
    const summary = await page.$eval('[data-testid="load-summary"]', (el) => ({ ...el.dataset }));
    const steps = await page.evaluate(() => window.benchSteps);
    return {
      loadMs: Number(summary.loadMs),
      heapBytes: Number(summary.heapBytes),
      inputBytes: Number(summary.inputBytes),
      people: Number(summary.people),
      posts: Number(summary.posts),
      replies: Number(summary.replies),
      reactions: Number(summary.reactions),
      wallMs,
      phases: phases(steps, Number(summary.loadMs)),
    };
  }
}

/**
 * Runs in the page before the load: notes when the load progress first shows each step
 * ("Step 3 of 5: …") and when it goes away (the worker's Loaded reply). Only a breakdown:
 * the page renders progress at most once a frame, so each time is late by up to a frame.
 */
function watchSteps() {
  const seen = new Set();
  window.benchSteps = [];
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="load-progress"] p');
    let key;
    let label;
    if (el) {
      const m = /^Step (\d+) of \d+: ([^·]+)/.exec(el.textContent);
      key = m ? m[1] : '0';
      // Step 1 names the file being read: both files are read in that step.
      label = m ? (m[1] === '1' ? 'Reading the files' : m[2].trim()) : el.textContent;
    } else if (seen.size) {
      key = 'loaded';
      label = 'loaded';
    } else {
      return;
    }
    if (seen.has(key)) return;
    seen.add(key);
    window.benchSteps.push({ key, label, at: Date.now() });
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** The load's phases in ms, from the step times; the last is Loaded until the first analysis. */
function phases(steps, loadMs) {
  if (!steps?.length) return [];
  const start = steps[0].at;
  const out = [];
  for (let i = 1; i < steps.length; i++) {
    out.push({ label: steps[i - 1].label, ms: steps[i].at - steps[i - 1].at });
  }
  const last = steps[steps.length - 1];
  if (last.key === 'loaded') out.push({ label: 'first analysis (every view)', ms: start + loadMs - last.at });
  return out;
}

/**
 * Runs in the page: changes the department filter and resolves with the time from the change
 * until the funnel's counts differ (a MutationObserver sees the new rows or data-count values),
 * and until the frame after that.
 */
function measureFilterChange({ value, timeoutMs }) {
  const select = document.querySelector('[data-testid="filter-department"]');
  const read = () => [...document.querySelectorAll('[data-testid="funnel-stage"]')].map((r) => r.dataset.count).join(',');
  const before = read();
  return new Promise((done) => {
    let t0 = 0;
    const observer = new MutationObserver(() => {
      const now = read();
      if (now === before || now === '') return;
      const t1 = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => done({ ms: t1 - t0, frameMs: performance.now() - t0, before, after: now, t0 }));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-count'] });
    const timer = setTimeout(() => {
      observer.disconnect();
      done({ ms: null, frameMs: null, before, after: read(), error: `the funnel did not change within ${timeoutMs} ms` });
    }, timeoutMs);
    t0 = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function benchFloor(browser, pagesUrl, pack, files) {
  const page = await openPage(browser, `${pagesUrl}tests/bench/floor.html`);
  try {
    await page.waitForFunction(() => typeof window.benchFloor === 'function');
    const r = await page.evaluate(([p, list]) => window.benchFloor(p, list), [pack, files]);
    return { ...r, net: netReport(page) };
  } finally {
    await page.context().close();
  }
}

async function benchDuckdb(browser, pagesUrl, pack, files, moduleFile) {
  const page = await openPage(browser, `${pagesUrl}tests/bench/duckdb.html`);
  try {
    await page.waitForFunction(() => typeof window.benchDuckdb === 'function');
    const dist = `${pagesUrl}node_modules/@duckdb/duckdb-wasm/dist/`;
    const bundles = {
      mvp: { mainModule: `${dist}duckdb-mvp.wasm`, mainWorker: `${dist}duckdb-browser-mvp.worker.js` },
      eh: { mainModule: `${dist}duckdb-eh.wasm`, mainWorker: `${dist}duckdb-browser-eh.worker.js` },
    };
    const module = `${pagesUrl}${relative(ROOT, moduleFile)}`;
    const r = await page.evaluate((a) => window.benchDuckdb(a), { pack, files, module, bundles });
    return { ...r, net: netReport(page) };
  } catch (e) {
    return { error: String(e.message || e).split('\n')[0], net: netReport(page) };
  } finally {
    await page.context().close();
  }
}

/** The build's wasm files, raw and gzipped (gzip -9): the page's (named in index.html) and the worker's. */
function wasmSizes(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const out = {};
  for (const f of readdirSync(dist).filter((n) => n.endsWith('.wasm'))) {
    const raw = readFileSync(join(dist, f));
    const role = f.startsWith('worker') ? 'worker' : html.includes(f) ? 'page' : f;
    out[role] = { file: f, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  }
  return out;
}

/** (f): the analysis bench's paired ratios on one core (the browser's worker has one thread). */
function benchAnalysis() {
  say('(f) the analysis on one thread: taskset -c 0 cargo bench -p clover-core --bench analysis');
  // Built first on every core (under taskset, cargo would compile on one); then the filter
  // matches no Criterion benchmark, so only the paired ratios at the end run.
  const built = spawnSync('cargo', ['bench', '-q', '-p', 'clover-core', '--bench', 'analysis', '--no-run'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) return { error: `cargo bench --no-run failed (exit ${built.status})` };
  const r = spawnSync('taskset', ['-c', '0', 'cargo', 'bench', '-q', '-p', 'clover-core', '--bench', 'analysis', '--', 'paired-ratios-only'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (r.status !== 0) return { error: `cargo bench failed (exit ${r.status})` };
  const rows = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?)\s+([\d.]+) ms, plain pass\s+([\d.]+) ms:\s+([\d.]+) × \(([\d.]+)–([\d.]+)\)/.exec(line);
    if (m) rows[m[1].trim()] = { ms: +m[2], plainMs: +m[3], ratio: +m[4], q1: +m[5], q3: +m[6] };
  }
  const whole = rows['every view, whole range'];
  if (!whole) return { error: 'the analysis bench printed no whole-range row', stdout: r.stdout.slice(-2000) };
  const d = /^demo generator: 1,600 people ([\d.]+) ms; 20,000 people ([\d.]+) ms, with Clover JSON ([\d.]+) ms \((\d+) messages/m.exec(r.stdout);
  const demo = d ? { smallMs: +d[1], generateMs: +d[2], withJsonMs: +d[3], messages: +d[4] } : null;
  // The journey (one sweep) and its reference (an analysis per period), each paired with a
  // whole-range analysis.
  const journeys = [];
  let last = null;
  for (const line of r.stdout.split('\n')) {
    const m = /^(journey, every (\w+) \((\d+) periods\)|  the same, one analysis per period)\s+([\d.]+) ms, whole-range analysis\s+([\d.]+) ms:\s+([\d.]+) × \(([\d.]+)–([\d.]+)\)/.exec(line);
    if (!m) continue;
    const x = { ms: +m[4], wholeMs: +m[5], ratio: +m[6], q1: +m[7], q3: +m[8] };
    if (m[2]) {
      last = { by: m[2], periods: +m[3], ...x };
      journeys.push(last);
    } else if (last) last.perPeriod = x;
  }
  return { rows, whole, demo, journeys };
}

/** The sum of the uncompressed sizes of a ZIP's entries (Python's zipfile reads the directory). */
function zipUncompressed(zip) {
  const py = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(len(z.infolist()), sum(i.file_size for i in z.infolist()))';
  const [files, bytes] = execFileSync('python3', ['-c', py, zip], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return { files, bytes };
}

/** `clover analyze <input> --json` under /usr/bin/time -v: its peak resident memory and wall time. */
function cliPeak(input) {
  const clover = join(ROOT, 'target/native/clover');
  say(`(g) /usr/bin/time -v ${relative(ROOT, clover)} analyze ${relative(ROOT, input)} --json > /dev/null`);
  const r = spawnSync('/usr/bin/time', ['-v', clover, 'analyze', input, '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr || '');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr || '');
  if (r.status !== 0 || !rss) return { error: `clover analyze failed (exit ${r.status}): ${(r.stderr || '').split('\n').slice(-5).join(' ')}` };
  const wallMs = wall ? ((+(wall[1] || 0) * 60 + +wall[2]) * 60 + +wall[3]) * 1000 : null;
  return { peakBytes: +rss[1] * 1024, wallMs };
}

/** (g) on the issue-sized export: its ZIP and its unzipped folder (`folder`, no roster). */
function benchCliIssue(ex, folder) {
  const un = zipUncompressed(ex.zip);
  const zip = cliPeak(ex.zip);
  const dir = folder ? cliPeak(folder.dir) : null;
  return { people: ex.people, zipBytes: ex.zipBytes, files: un.files, uncompressedBytes: un.bytes, zip, folder: dir, counts: ex.counts };
}

/** (g): the CLI's peak resident memory analysing a big export, ÷ its uncompressed size. */
function benchCliMemory(opts) {
  const free = statfsSync(opts.work);
  const freeBytes = free.bavail * free.bsize;
  // The ZIP is about a quarter of the JSON: 0.5 GB for 170,000 people, and room to spare.
  const need = opts.cliPeople * 6000;
  if (freeBytes < need) return { error: `needs about ${mb(need)} free in ${opts.work}, ${mb(freeBytes)} free` };
  const ex = makeExport(opts, opts.cliPeople, `cli${opts.cliPeople}`);
  try {
    rmSync(ex.roster, { force: true });
    const un = zipUncompressed(ex.zip);
    const r = cliPeak(ex.zip);
    if (r.error) return r;
    return { people: opts.cliPeople, zipBytes: ex.zipBytes, files: un.files, uncompressedBytes: un.bytes, ...r, counts: ex.counts };
  } finally {
    rmSync(ex.zip, { force: true });
    rmSync(ex.roster, { force: true });
  }
}

function printNet(name, net) {
  const ext = net.external.length ? `${net.external.length} LEFT 127.0.0.1: ${net.external.slice(0, 5).join(', ')}` : 'none left 127.0.0.1';
  console.log(`  ${name}: ${net.requests} requests, ${ext}`);
  for (const p of net.problems.slice(0, 10)) console.log(`    ${p}`);
}

async function main() {
  const opts = args();
  const mach = machine();
  statSync(join(opts.dist, 'index.html'), { throwIfNoEntry: false }) || usage(`no build at ${opts.dist} (./dev bench builds dist/ first)`);
  const ex = opts.issueOnly ? null : makeExport(opts);
  let files = null;
  if (ex) {
    say('extracting the ZIP (fflate)');
    files = extract(ex.zip, ex.roster, opts.work);
  }
  // Issue 21's load and CLI rows: an export the size of the issue's (about 200,000 messages,
  // 69 MB of JSON), its files also unzipped into a folder (without the roster) and a pack.
  const iex = opts.issuePeople ? makeExport(opts, opts.issuePeople, 'issue') : null;
  const ifiles = iex ? extract(iex.zip, null, opts.work, 'issue-folder', 'issue.pack') : null;
  const moduleFile = opts.duckdb && ex ? await bundleDuckdb() : null;

  const app = await serve(opts.dist);
  const pages = await serve(ROOT);
  const data = await serve(opts.work, '/', { cors: true });
  const pack = `${data.url}slack.pack`;
  const browser = await launch();
  const results = { machine: mach, chromium: browser.version(), dist: opts.dist, export: ex ? {
    zipBytes: ex.zipBytes, rosterBytes: ex.rosterBytes, files: files.files.length, uncompressedBytes: files.bytes, counts: ex.counts } : {} };
  try {
    if (ex) {
      say('(a) Clover: the ZIP and roster through the file input, until the first analysis; (d) a department filter');
      results.clover = await benchClover(browser, app.url, ex);
      if (opts.folder) {
        say('(e) Clover: the same export as an unzipped folder through the folder input');
        results.folder = await benchFolder(browser, app.url, files.dir);
      }
      say("(b) floor: TextDecoder + JSON.parse of every extracted file; (b') one JSON.parse of them all joined");
      results.floor = await benchFloor(browser, pages.url, pack, files.files);
    }
    if (iex) {
      say(`(p) Clover: the ${n(opts.issuePeople)}-person export with the pool's N workers and with one: its ZIP alone (then one JSON.parse of its files joined, same page) and its folder`);
      results.pool = await benchPool(browser, app.url, data.url, iex, ifiles, opts);
    }
    if (opts.duckdb && ex) {
      say('(c) DuckDB-WASM: its JSON import (read_json needs a download), weekly active people, top-50 leaderboard');
      results.duckdb = await benchDuckdb(browser, pages.url, pack, files.files, moduleFile);
    }
  } finally {
    await browser.close();
    await Promise.all([app.close(), pages.close(), data.close()]);
  }
  results.machine.loadAfter = loadavg()[0];
  results.wasm = wasmSizes(opts.dist);
  if (opts.analysis && ex) results.analysis = benchAnalysis();
  if (iex && ex) results.cliIssue = benchCliIssue(iex, ifiles);
  if (opts.cliPeople && ex) results.cli = benchCliMemory(opts);
  results.machine.loadEnd = loadavg()[0];
  results.export.issue = iex ? { people: iex.people, zipBytes: iex.zipBytes, files: ifiles.files.length, uncompressedBytes: ifiles.bytes, counts: iex.counts } : null;
  report(results);
  const out = join(opts.work, `results-${mach.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2));
  say(`results written to ${relative(process.cwd(), out)}`);
}

function report(r) {
  const { machine: m, export: e, clover: a, floor: b, duckdb: c, folder: f, analysis: an, cli: g, wasm: w } = r;
  const a_ms = a?.loadMs ?? null;
  const b_ms = b?.parseMs ?? null;
  const b1_ms = b?.oneParseMs ?? null;
  const c_ms = c && !c.error ? c.totalMs : null;
  const f_ms = f?.loadMs ?? null;
  const heapRatio = ratio(a?.heapBytes, e.uncompressedBytes ?? null);
  const aOverB = ratio(a_ms, b_ms);
  const aOverB1 = ratio(a_ms, b1_ms);
  const cOverA = ratio(c_ms, a_ms);
  const fOverA = ratio(f_ms, a_ms);
  const cliRatio = g && !g.error ? ratio(g.peakBytes, g.uncompressedBytes) : null;
  const changes = (a?.changes || []).filter((x) => x.ms != null).map((x) => x.ms);
  const median = changes.length ? [...changes].sort((x, y) => x - y)[Math.floor(changes.length / 2)] : null;
  const verdict = (ok) => (ok == null ? 'n/a' : ok ? 'met' : 'MISSED');
  const kb = (x) => (x == null ? 'n/a' : `${Math.round(x / 1024)} KB`);
  console.log('');
  console.log(`machine: ${m.nproc} cores (${m.cpu}), ${m.ramGiB} GiB RAM; Chromium ${r.chromium}; ${m.date}; load average ${fx(m.load)} at the start, ${fx(m.loadAfter)} after the browser pages, ${fx(m.loadEnd)} at the end (other work on the cores slows every column)`);
  if (e.zipBytes != null) {
    console.log(`export: ${mb(e.zipBytes)} ZIP, ${e.files} files, ${mb(e.uncompressedBytes)} uncompressed JSON` +
      (e.counts ? `; ${n(e.counts.people)} people, ${n(e.counts.posts + e.counts.replies)} messages (${n(e.counts.posts)} posts, ${n(e.counts.replies)} replies), ${n(e.counts.reactions)} reactions` : '') +
      `; roster CSV ${mb(e.rosterBytes)} (Clover only)`);
  }
  console.log('');
  const loadLines = (tag, x, what) => {
    console.log(`${tag} Clover load of ${what} (read, unzip, parse, model, every view's analysis): ${sec(x.loadMs)}   [driver's wall clock from setInputFiles: ${sec(x.wallMs)}]`);
    console.log(`    phases (from the progress shown, ±1 frame): ${x.phases.map((p) => `${p.label} ${sec(p.ms)}`).join(', ')}`);
    console.log(`    loaded ${n(x.people)} people, ${n(x.posts)} posts, ${n(x.replies)} replies, ${n(x.reactions)} reactions; handed over ${mb(x.inputBytes)}; worker wasm memory ${mb(x.heapBytes)}`);
  };
  if (a) loadLines('(a)', a, 'the ZIP and roster');
  if (f) loadLines('(e)', f, `the unzipped folder (${n(e.files + 1)} files)`);
  if (b) {
    console.log(`(b) floor, decode + JSON.parse of ${n(b.files)} files (${mb(b.bytes)}, ${n(b.messages)} messages): ${sec(b.parseMs)}   [untimed fetch: ${sec(b.fetchMs)}]`);
    console.log(`(b') stricter floor, one decode + one JSON.parse of the ${n(b.values)} files joined into one array: ${sec(b.oneParseMs)}`);
  }
  if (c && c.error) {
    console.log(`(c) DuckDB-WASM: did not run: ${c.error}`);
  } else if (c) {
    const s = c.steps;
    console.log(`(c) DuckDB-WASM ${c.version} (${c.bundle.split('/').pop()}): ${sec(c.totalMs)}   [join ${sec(s.join)}, register ${sec(s.register)}, JSON import ${sec(s.import)}, dedupe + people ${sec(s.model)}, weekly ${sec(s.weekly)}, leaderboard ${sec(s.leaderboard)}; untimed start ${sec(s.start)}, fetch ${sec(s.fetch)}]`);
    console.log(`    read_json offline: ${c.readJson}`);
    console.log(`    so: the ${n(c.files - 1)} files' arrays joined into one (${mb(c.joinedBytes)}) and read by duckdb-wasm's built-in JSON import (insertJSONFromPath)`);
    console.log(`    ${n(c.counts.rows)} rows read, ${n(c.counts.messages)} messages kept, ${n(c.counts.human)} by people (${n(c.counts.replies)} replies), ${c.counts.weeks} weeks (peak ${c.peakWeek.active} active, week of ${c.peakWeek.week}); top: ${c.top.map((t) => `${t.user} ${t.total}`).join(', ')}; extensions loaded: ${c.extensions.join(', ') || 'none'}; DuckDB memory ${c.memoryBytes == null ? 'n/a' : mb(c.memoryBytes)}`);
  }
  for (const x of a?.changes || []) {
    console.log(`(d) filter department → ${x.department}: ${x.ms == null ? x.error : `${n(x.ms)} ms to new funnel counts (${fx(x.ms / FRAME_MS, 1)} frames of ${FRAME_MS} ms), ${n(x.frameMs)} ms to the next frame`}`);
    const sp = x.split;
    if (sp) console.log(`    page before asking ${fx(sp.before, 1)} ms, worker ${fx(sp.analysis + sp.json, 1)} ms (analysis ${fx(sp.analysis, 1)}, JSON ${fx(sp.json, 1)}, ${n(sp.bytes / 1000)} KB), messages there and back ${fx(sp.transfer, 1)} ms, page after the reply ${fx(x.ms - sp.replyAt, 1)} ms`);
  }
  if (an?.error) console.log(`(f) analysis bench: did not run: ${an.error}`);
  else if (an) {
    for (const [what, x] of Object.entries(an.rows)) {
      console.log(`(f) one thread, ${what}: ${x.ms.toFixed(2)} ms, plain pass ${x.plainMs.toFixed(2)} ms: ${fx(x.ratio, 1)}× (quartiles ${fx(x.q1, 1)}–${fx(x.q3, 1)})`);
    }
    if (an.demo) console.log(`(f) demo generator, one thread: 1,600 people ${n(an.demo.smallMs)} ms; 20,000 people ${sec(an.demo.generateMs)}, with Clover JSON ${sec(an.demo.withJsonMs)} (${n(an.demo.messages)} messages)`);
  }
  for (const j of an?.journeys || []) {
    console.log(`(f) one thread, journey by ${j.by} (${j.periods} periods), one sweep: ${j.ms.toFixed(2)} ms ÷ whole-range analysis ${j.wholeMs.toFixed(2)} ms = ${fx(j.ratio)}× (quartiles ${fx(j.q1)}–${fx(j.q3)})` +
      (j.perPeriod ? `; one analysis per period (the reference): ${fx(j.perPeriod.ratio)}×` : ''));
  }
  const ie = e.issue;
  if (ie) {
    console.log(`issue-sized export: ${n(ie.people)} people, ${mb(ie.zipBytes)} ZIP, ${n(ie.files)} files, ${mb(ie.uncompressedBytes)} of JSON` + (ie.counts ? `; ${n(ie.counts.posts + ie.counts.replies)} messages, ${n(ie.counts.reactions)} reactions` : ''));
    const p = r.pool;
    for (const k of p ? [p.pool, 1] : []) {
      console.log(`(p) N = ${k}: ZIP ${p.runs.zip[k].map(sec).join(', ')} (median ${sec(p.zip[k])}); one JSON.parse of its ${n(p.last[`zip${k}`]?.values ?? 0)} files joined, same page: ${p.runs.parse[k].map(sec).join(', ')} (median ${sec(p.parse[k])}); folder ${p.runs.folder[k].map(sec).join(', ') || 'n/a'}`);
      const z = p.last[`zip${k}`];
      if (z) loadLines(`    (p) ZIP, N = ${k}, last run:`, z, 'its ZIP alone');
      const fo = p.last[`folder${k}`];
      if (fo) console.log(`    (p) folder, N = ${k}, last run, phases: ${fo.phases.map((x) => `${x.label} ${sec(x.ms)}`).join(', ')}`);
    }
  }
  const gi = r.cliIssue;
  if (gi) {
    for (const [what, x] of [['its ZIP', gi.zip], ['its unzipped folder', gi.folder]]) {
      if (!x) continue;
      console.log(`(g) clover analyze --json, ${what}: ${x.error || `peak resident ${mb(x.peakBytes)} ÷ ${mb(gi.uncompressedBytes)} of JSON = ${fx(ratio(x.peakBytes, gi.uncompressedBytes))}, wall ${sec(x.wallMs)}`}`);
    }
  }
  if (g?.error) console.log(`(g) CLI memory: did not run: ${g.error}`);
  else if (g) {
    console.log(`(g) clover analyze --json, ${n(g.people)} people: ${mb(g.zipBytes)} ZIP, ${n(g.files)} files, ${mb(g.uncompressedBytes)} uncompressed; peak resident ${mb(g.peakBytes)}, wall ${sec(g.wallMs)}`);
  }
  if (w) console.log(`wasm: page ${w.page ? `${kb(w.page.raw)} raw, ${kb(w.page.gzip)} gzipped` : 'n/a'}; worker ${w.worker ? `${kb(w.worker.raw)} raw, ${kb(w.worker.gzip)} gzipped` : 'n/a'}`);
  console.log('');
  console.log('network (the harness records every request; nothing may leave 127.0.0.1):');
  if (a) printNet('Clover (ZIP)', a.net);
  for (const [key, x] of Object.entries(r.pool?.last || {})) printNet(`Clover, issue-sized export (${key.replace(/(\d+)$/, ', N = $1')})`, x.net);
  if (f) printNet('Clover (folder)', f.net);
  if (b) printNet('floor', b.net);
  if (c) printNet('DuckDB-WASM', c.net);
  console.log('');
  const rows = [
    ['whole load ÷ TextDecoder+JSON.parse (a/b)', fx(aOverB), '≤ 1.0', aOverB == null ? null : aOverB <= 1],
    ["whole load ÷ one JSON.parse of all joined (a/b')", fx(aOverB1), '≤ 3', aOverB1 == null ? null : aOverB1 <= 3],
    ['unzipped folder ÷ ZIP (e/a)', fOverA == null ? 'n/a' : `${fx(fOverA)} (${sec(f_ms)} vs ${sec(a_ms)})`, '≤ 1.5', fOverA == null ? null : fOverA <= 1.5],
    ['worker heap after load ÷ uncompressed JSON', heapRatio == null ? 'n/a' : `${fx(heapRatio)} (${mb(a.heapBytes)})`, '≤ 0.5', heapRatio == null ? null : heapRatio <= 0.5],
    ['filter change, median (d)', median == null ? 'n/a' : `${n(median)} ms`, '≤ 16.7 ms', median == null ? null : median <= FRAME_MS],
    ['DuckDB-WASM ÷ Clover (c/a)', fx(cOverA), '≥ 3', cOverA == null ? null : cOverA >= 3],
    ['whole-range analysis ÷ plain pass, one thread (f)', an?.whole ? `${fx(an.whole.ratio, 1)} (${fx(an.whole.q1, 1)}–${fx(an.whole.q3, 1)})` : 'n/a', '≤ 10', an?.whole ? an.whole.ratio <= 10 : null],
    ['demo generator, 20,000 people, with its Clover JSON (f)', an?.demo ? sec(an.demo.withJsonMs) : 'n/a', '≤ 10 s', an?.demo ? an.demo.withJsonMs <= 10000 : null],
    [`CLI peak memory ÷ uncompressed (g), ${g && !g.error ? mb(g.uncompressedBytes) : 'n/a'}`, cliRatio == null ? 'n/a' : `${fx(cliRatio)} (${mb(g.peakBytes)})`, '≤ 0.5', cliRatio == null ? null : cliRatio <= 0.5],
    ['page wasm gzipped', w?.page ? kb(w.page.gzip) : 'n/a', '≤ 300 KB', w?.page ? w.page.gzip <= 300 * 1024 : null],
    ['Lighthouse mobile performance', 'see ./dev lighthouse', '≥ 90', null],
  ];
  console.log(`the table of issue 16 (${m.date.slice(0, 10)}):`);
  console.log('| measure | now | target | |');
  console.log('|---|---|---|---|');
  for (const [what, now, target, ok] of rows) console.log(`| ${what} | ${now} | ${target} | ${ok == null ? '' : verdict(ok)} |`);

  // Issue 21's table, row by row.
  const p = r.pool;
  const N = p?.pool;
  const loadRatio = (k) => ratio(p?.zip[k] ?? null, p?.parse[k] ?? null);
  const folderRatio = (k) => ratio(p?.folder[k] ?? null, p?.zip[k] ?? null);
  const speed = p ? ratio(p.zip[N], p.zip[1]) : null;
  const folderSpeed = p ? ratio(p.folder[N], p.folder[1]) : null;
  const quarter = (an?.journeys || []).find((j) => j.by === 'quarter');
  const month = (an?.journeys || []).find((j) => j.by === 'month');
  const splits = (a?.changes || []).filter((x) => x.split && x.ms != null);
  const med = (v) => (v.length ? [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] : null);
  const split = splits.length
    ? ` (page before asking ${fx(med(splits.map((x) => x.split.before)), 1)}, worker ${fx(med(splits.map((x) => x.split.analysis + x.split.json)), 1)}, transfer ${fx(med(splits.map((x) => x.split.transfer)), 1)}, page after ${fx(med(splits.map((x) => x.ms - x.split.replyAt)), 1)} ms: medians)`
    : '';
  const cliZip = gi?.zip && !gi.zip.error ? ratio(gi.zip.peakBytes, gi.uncompressedBytes) : null;
  const cliDir = gi?.folder && !gi.folder.error ? ratio(gi.folder.peakBytes, gi.uncompressedBytes) : null;
  const rows21 = [
    [`load of a ${ie ? `${n((ie.counts?.posts ?? 0) + (ie.counts?.replies ?? 0))}-message` : ''} Slack ZIP ÷ one JSON.parse of the same JSON, same page: N = ${N ?? 'n/a'} workers (N = 1)`, loadRatio(N) == null ? 'n/a' : `${fx(loadRatio(N))} (${sec(p.zip[N])} vs ${sec(p.parse[N])}) (N = 1: ${fx(loadRatio(1))}, ${sec(p.zip[1])} vs ${sec(p.parse[1])})`, '≤ 3.0 on 2 cores', loadRatio(N) == null ? null : loadRatio(N) <= 3],
    [`time with N workers ÷ with 1 worker, N = ${N ?? 'n/a'} (its ZIP; its folder)`, speed == null ? 'n/a' : `${fx(speed)} (${sec(p.zip[N])} vs ${sec(p.zip[1])}); folder ${fx(folderSpeed)}`, '≤ 0.6 at N = 2', speed == null ? null : speed <= 0.6],
    [`the same export as a folder ÷ as its ZIP: N = ${N ?? 'n/a'} (N = 1)`, folderRatio(N) == null ? 'n/a' : `${fx(folderRatio(N))} (${sec(p.folder[N])} vs ${sec(p.zip[N])}) (N = 1: ${fx(folderRatio(1))})` + (fOverA == null ? '' : `; the 20,000-person export with its roster (e/a), N = ${N}: ${fx(fOverA)}`), '≤ 1.5', folderRatio(N) == null ? null : folderRatio(N) <= 1.5],
    ['page wasm (the one index.html boots), gzipped', w?.page ? kb(w.page.gzip) : 'n/a', '≤ 300 KB', w?.page ? w.page.gzip <= 300 * 1024 : null],
    ['analysis worker wasm, gzipped', w?.worker ? kb(w.worker.gzip) : 'n/a', 'report it', null],
    ['journey (all quarters) ÷ one whole-range analysis, one thread', quarter ? `${fx(quarter.ratio)} (${fx(quarter.q1)}–${fx(quarter.q3)}; by month ${month ? fx(month.ratio) : 'n/a'})` : 'n/a', '≤ 3', quarter ? quarter.ratio <= 3 : null],
    [`filter change, median, ${n(e.counts?.people ?? 0)}-person demo`, median == null ? 'n/a' : `${n(median)} ms${split}`, '≤ 16.7 ms', median == null ? null : median <= FRAME_MS],
    [`clover analyze peak RSS ÷ JSON bytes, ${gi ? mb(gi.uncompressedBytes) : 'n/a'} export`, cliZip == null ? 'n/a' : `${fx(cliZip)} as its ZIP, ${fx(cliDir)} as a folder`, '≤ 1.0', cliZip == null ? null : cliZip <= 1 && (cliDir == null || cliDir <= 1)],
  ];
  console.log('');
  console.log(`the table of issue 21 (${m.date.slice(0, 10)}):`);
  console.log('| measure | now | target | |');
  console.log('|---|---|---|---|');
  for (const [what, now, target, ok] of rows21) console.log(`| ${what} | ${now} | ${target} | ${ok == null ? '' : verdict(ok)} |`);
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e}`);
  process.exit(1);
});
