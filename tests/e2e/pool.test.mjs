// A pool of import workers (docs/performance.md): the same export loaded with 1, 2 and 4
// workers (`?workers=N`) gives the same analysis, compared byte for byte as the worker sends
// it to the page, and the same load summary; a ZIP large enough to be dealt by its entries and
// the same export as a folder both go through the pool (its one progress bar names it). A
// worker that stops while it imports names its files and the others still load; a worker that
// never starts leaves its share to the lead (both from a copy of the build whose import
// workers' loader is sabotaged).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { startApp, openPage, serve, DIST } from './harness.mjs';
import { clover, loadFiles, readLoadSummary } from './app.mjs';

const app = startApp();
const tmp = mkdtempSync(join(tmpdir(), 'clover-e2e-pool-'));
const zip = join(tmp, 'slack.zip');
const roster = join(tmp, 'roster.csv');
const folder = join(tmp, 'export');

before(async () => {
  clover(['demo', '--people', '800', '--months', '6', '--format', 'slack', '--out', zip, '--roster', roster]);
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), data);
  }
  writeFileSync(join(folder, 'roster.csv'), readFileSync(roster));
});

/**
 * Runs in the page before the app: records what the analysis worker says to the page (the
 * load summary, the analyses, the progress labels) as the JSON strings it sends.
 */
function recordReplies() {
  window.__replies = [];
  const Real = window.Worker;
  window.Worker = class extends Real {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (e.data && typeof e.data.json === 'string') window.__replies.push(e.data.json);
      });
    }
  };
}

/** Loads `files` (or a folder with `input`) with `workers` import workers; returns what the worker said. */
async function loadWith(workers, files, { input = 'file-input', page: given } = {}) {
  const page = given || await openPage(app.browser, 'about:blank');
  await page.addInitScript(recordReplies);
  await page.goto(`${app.url}?workers=${workers}`);
  await loadFiles(page, files, { input, timeout: 120000 });
  await page.waitForFunction(() => window.__replies.some((r) => r.startsWith('{"kind":"analysis"')), null, { timeout: 120000 });
  const replies = await page.evaluate(() => window.__replies);
  const analysis = replies.find((r) => r.startsWith('{"kind":"analysis"')).replace(/^\{"kind":"analysis","id":\d+,/, '{');
  // The worker's memory differs with the pool; nothing else may.
  const loaded = replies.find((r) => r.startsWith('{"kind":"loaded"')).replace(/"heap_bytes":\d+/, '"heap_bytes":0');
  const labels = replies.filter((r) => r.startsWith('{"kind":"progress"')).map((r) => JSON.parse(r).label);
  return { page, analysis, loaded, labels, shown: await readLoadSummary(page) };
}

test('the demo Slack ZIP and its roster: the same analysis, byte for byte, with 1, 2 and 4 workers', async () => {
  assert.ok(statSync(zip).size >= 1 << 20, 'the ZIP is large enough for its entries to be dealt');
  const one = await loadWith(1, [zip, roster]);
  assert.ok(one.shown.posts > 1000, JSON.stringify(one.shown));
  assert.ok(!one.labels.some((l) => /workers\)$/.test(l)), 'one worker imports alone');
  for (const n of [2, 4]) {
    const got = await loadWith(n, [zip, roster]);
    assert.ok(got.labels.some((l) => l.endsWith(`(${n} workers)`)), `the pool of ${n} shows one bar: ${got.labels.slice(0, 8).join(' | ')}`);
    assert.equal(got.loaded, one.loaded, `${n} workers: the load summary`);
    assert.ok(got.analysis === one.analysis, `${n} workers: the analysis differs from one worker's (${got.analysis.length} vs ${one.analysis.length} bytes)`);
    assert.deepEqual(got.page.problems(), []);
    await got.page.context().close();
  }
  assert.deepEqual(one.page.problems(), []);
  await one.page.context().close();
});

test('the same export as a folder: the same analysis with 1, 2 and 4 workers', async () => {
  const one = await loadWith(1, folder, { input: 'folder-input' });
  for (const n of [2, 4]) {
    const got = await loadWith(n, folder, { input: 'folder-input' });
    assert.ok(got.labels.some((l) => l.endsWith(`(${n} workers)`)), `the pool of ${n} is used: ${got.labels.slice(0, 8).join(' | ')}`);
    assert.equal(got.loaded, one.loaded, `${n} workers: the load summary`);
    assert.ok(got.analysis === one.analysis, `${n} workers: the analysis differs from one worker's`);
    assert.deepEqual(got.page.problems(), []);
    await got.page.context().close();
  }
  await one.page.context().close();
});

/**
 * A copy of the build whose import workers (named `clover-import-k`; the analysis worker, the
 * pool's lead, is not) run `sabotage` in their loader: the browser does not let the test
 * intercept the scripts a worker starts, so the test serves a build of its own.
 */
async function sabotaged(name, sabotage) {
  const dir = join(tmp, name);
  cpSync(DIST, dir, { recursive: true });
  const loader = readdirSync(dir).find((f) => /^worker_loader-[0-9a-f]+\.js$/.test(f));
  assert.ok(loader, 'the build has a worker loader');
  const real = readFileSync(join(dir, loader), 'utf8');
  assert.ok(real.includes('self.removeEventListener'), 'the loader is as tools/post-build.mjs writes it');
  writeFileSync(join(dir, loader), sabotage(real));
  return serve(dir);
}

/** Loads the ZIP and roster with 2 workers from `server`'s build. */
async function loadFrom(server) {
  const page = await openPage(app.browser, 'about:blank');
  await page.addInitScript(recordReplies);
  await page.goto(`${server.url}?workers=2`);
  await loadFiles(page, [zip, roster], { timeout: 120000 });
  await page.waitForFunction(() => window.__replies.some((r) => r.startsWith('{"kind":"analysis"')), null, { timeout: 120000 });
  const replies = await page.evaluate(() => window.__replies);
  const analysis = replies.find((r) => r.startsWith('{"kind":"analysis"')).replace(/^\{"kind":"analysis","id":\d+,/, '{');
  const loaded = replies.find((r) => r.startsWith('{"kind":"loaded"')).replace(/"heap_bytes":\d+/, '"heap_bytes":0');
  const labels = replies.filter((r) => r.startsWith('{"kind":"progress"')).map((r) => JSON.parse(r).label);
  return { page, analysis, loaded, labels, shown: await readLoadSummary(page) };
}

test('a worker that stops while it imports: its files are named, the others load', async () => {
  // The import worker throws once it is given its shard.
  const server = await sabotaged('stops', (real) => real.replace(
    'self.removeEventListener',
    `if (self.name.startsWith('clover-import')) { const own = self.onmessage; self.onmessage = (e) => { if (/"kind":"shard"/.test(e.data?.json || '')) { setTimeout(() => { throw new Error('stopped on purpose'); }, 200); return; } return own(e); }; }
self.removeEventListener`,
  ));
  try {
    const got = await loadFrom(server);
    assert.ok(got.labels.some((l) => l.endsWith('(2 workers)')), `the pool of 2 was used: ${got.labels.slice(0, 8).join(' | ')}`);
    const errors = await got.page.$$eval('[data-testid="load-error"]', (els) => els.map((e) => e.textContent));
    assert.equal(errors.length, 1, errors.join('\n'));
    // Named by its first and last files (the roster, read last, may be its last).
    assert.match(errors[0], /^slack\.zip › .+ … (slack\.zip › .+|roster\.csv) \(\d+ files\)/);
    assert.match(errors[0], /this part of the load stopped \(.*stopped on purpose.*\)/);
    assert.ok(got.shown.posts > 0, 'the lead\'s share loaded');
    const all = await loadWith(1, [zip, roster]);
    assert.ok(got.shown.posts < all.shown.posts, `${got.shown.posts} of ${all.shown.posts} posts`);
    await all.page.context().close();
    await got.page.context().close();
  } finally {
    await server.close();
  }
});

test('a worker that never starts leaves its share to the lead: the same analysis', async () => {
  const server = await sabotaged('never-starts', (real) => real.replace(
    'let got = false;',
    `if (self.name.startsWith('clover-import')) throw new Error('not started on purpose');
let got = false;`,
  ));
  try {
    const got = await loadFrom(server);
    assert.ok(got.labels.some((l) => l.endsWith('(2 workers)')), `the pool of 2 was planned: ${got.labels.slice(0, 8).join(' | ')}`);
    const one = await loadWith(1, [zip, roster]);
    assert.equal(got.loaded, one.loaded);
    assert.ok(got.analysis === one.analysis, 'the analysis differs from one worker\'s');
    await one.page.context().close();
    await got.page.context().close();
  } finally {
    await server.close();
  }
});
