// Hostile and broken files through the file input, the way an attacker (or an unlucky export)
// would hand them over: each gets a clear message naming the file, or loads what is usable;
// no script runs, no element is injected, the layout holds, and the console stays clean.
// The core's own hostile corpus (every importer, natively) is crates/clover-core/tests/hostile.rs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { startApp, openPage, screenshot } from './harness.mjs';
import { nav, navDrawn, loadFiles, readLeaderboardNames } from './app.mjs';

const app = startApp();
const tmp = mkdtempSync(join(tmpdir(), 'clover-hostile-'));
before(async () => {
});

/** A ZIP archive of `entries` ({name, data, claimed?}); `claimed` overrides the
 *  uncompressed size written in the headers (a lying archive). */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = deflateRawSync(e.data);
    const size = e.claimed ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size >>> 0, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(size >>> 0, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function load(files) {
  const page = await openPage(app.browser, app.url);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  page.dialogs = () => dialogs;
  await loadFiles(page, files, { timeout: 60000 });
  return page;
}

async function errors(page) {
  return page.$$eval('[data-testid="load-error"]', (els) => els.map((e) => e.textContent));
}

test('a ZIP bomb (a tiny archive claiming 4 GB) is stopped with a message naming it', async () => {
  const file = join(tmp, 'bomb.zip');
  // 4,000,000,000 bytes claimed: more than a tab may inflate (1.5 GB), so the entry is
  // refused before a byte is inflated. Beside it, a real Mattermost line that still loads.
  writeFileSync(file, zip([{ name: 'export/huge.json', data: Buffer.alloc(1000, 32), claimed: 4_000_000_000 }]));
  const good = join(tmp, 'ok.jsonl');
  writeFileSync(good, [
    '{"type":"version","version":1}',
    '{"type":"user","user":{"username":"ada","email":"ada@example.org"}}',
    '{"type":"post","post":{"team":"t","channel":"c","user":"ada","message":"hi","create_at":1700000000000}}',
  ].join('\n'));
  const page = await load([file, good]);
  const errs = await errors(page);
  assert.equal(errs.length, 1, JSON.stringify(errs));
  assert.match(errs[0], /bomb\.zip › huge\.json|bomb\.zip › export\/huge\.json/);
  assert.match(errs[0], /ZIP bomb|too large for the browser/);
  assert.match(errs[0], /clover CLI/);
  assert.equal(Number(await page.getAttribute('[data-testid="load-summary"]', 'data-posts')), 1);
  assert.deepEqual(page.problems(), []);
});

test('broken files: deep nesting, invalid UTF-8, truncated JSON, an empty file: each named, nothing crashes', async () => {
  const files = {
    'deep.json': '['.repeat(100000) + ']'.repeat(100000),
    'binary.json': Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    'truncated.json': '{"format":"clover","version":1,"people":[{"id":"a","name":"A"',
    'empty.json': '',
  };
  const paths = Object.entries(files).map(([n, d]) => { const p = join(tmp, n); writeFileSync(p, d); return p; });
  const page = await load(paths);
  const errs = (await errors(page)).join('\n');
  for (const n of Object.keys(files)) assert.match(errs, new RegExp(n.replace('.', '\\.')), `${n} is named:\n${errs}`);
  await screenshot(page, 'hostile-broken-files');
  assert.deepEqual(page.problems(), []);
});

test('hostile names and values: scripts stay text, huge and invisible names hold the layout', async () => {
  const long = 'W'.repeat(100000);
  const people = [
    { id: 'p0', name: '<img src=x onerror="window.__pwned=1">', department: '<script>window.__pwned=2</script>' },
    { id: 'p1', name: long, department: 'Sales' },
    { id: 'p2', name: '\u202Eevil\u202C \u200B\u200Bzero-width', department: 'Sales' },
    { id: 'p3', name: 'Émoji 🍀👩‍💻', department: '<b>bold</b>' },
    { id: 'p4', name: 'Dup', department: 'Sales' },
    { id: 9007199254740993, name: 'Big id', department: 'Sales' },
  ];
  const messages = [];
  let t = Date.parse('2025-01-06T09:00:00Z');
  for (let w = 0; w < 4; w++) {
    for (let i = 0; i < 5; i++) {
      const id = `m${w}-${i}`;
      messages.push({ id, space: 's1', author: `p${i}`, time: new Date(t).toISOString(), reactions: [{ person: `p${(i + 1) % 5}` }] });
      messages.push({ id: `${id}r`, space: 's1', author: `p${(i + 1) % 5}`, time: new Date(t + 60000).toISOString(), parent: id });
      t += 3600000;
    }
    t += 7 * 86400000;
  }
  // Out-of-range times, a missing parent, a loop, a self-parent.
  messages.push({ id: 'old', space: 's1', author: 'p0', time: '1970-01-01T00:00:00Z' });
  messages.push({ id: 'far', space: 's1', author: 'p0', time: '2100-01-01T00:00:00Z' });
  messages.push({ id: 'orphan', space: 's1', author: 'p1', time: '2025-01-07T10:00:00Z', parent: 'nowhere' });
  messages.push({ id: 'loopA', space: 's1', author: 'p1', time: '2025-01-07T11:00:00Z', parent: 'loopB' });
  messages.push({ id: 'loopB', space: 's1', author: 'p2', time: '2025-01-07T12:00:00Z', parent: 'loopA' });
  messages.push({ id: 'self', space: 's1', author: 'p2', time: '2025-01-07T13:00:00Z', parent: 'self' });
  const doc = { format: 'clover', version: 1, people, spaces: [{ id: 's1', name: '<iframe src=javascript:alert(1)>', kind: 'channel' }], messages };
  // A UTF-8 byte order mark and Windows line endings, as some tools write.
  const file = join(tmp, 'hostile-values.json');
  writeFileSync(file, '\uFEFF' + JSON.stringify(doc, null, 1).replace(/\n/g, '\r\n'));
  const page = await load([file]);
  const warnings = await page.$$eval('[data-testid="load-warning"]', (els) => els.map((e) => e.textContent));
  const errs = await errors(page);
  await screenshot(page, 'hostile-values-data');
  for (const v of ['overview', 'funnel', 'leaderboard', 'clover', 'trends']) {
    // Drawn first, and where the view names people, with the long name on it (cut to 256
    // characters on import): on a view not yet drawn nothing overflows.
    await navDrawn(page, v);
    if (v === 'leaderboard' || v === 'trends') {
      await page.waitForFunction((w) => document.querySelector('main').textContent.includes(w), long.slice(0, 200));
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${v}: a 100,000-character name pushes the page ${overflow}px sideways`);
  }
  await screenshot(page, 'hostile-values-trends');
  await nav(page, 'leaderboard');
  const names = await readLeaderboardNames(page);
  assert.ok(names.includes('<img src=x onerror="window.__pwned=1">'), names.map((n) => n.slice(0, 40)).join(' | '));
  await screenshot(page, 'hostile-values-leaderboard');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('main img, main iframe, main b, main script', (els) => els.length), 0);
  assert.equal(page.dialogs(), 0);
  // What could not be used is said, not dropped silently.
  assert.ok(warnings.length + errs.length > 0, 'out-of-range times, the orphan and the loop are reported');
  assert.deepEqual(page.problems(), []);
});
