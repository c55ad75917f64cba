// The snapshot link (docs/snapshot.md): made from the demo, it reopens in a fresh browser
// context with the same funnel and no real name, its fragment never reaches a server, a
// reload keeps it; a damaged, cut or foreign-version link shows a message and opens nothing,
// and a well-formed snapshot carrying HTML in its names shows them as text and runs nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { startApp, openPage, screenshot } from './harness.mjs';
import { clover, nav, navDrawn, readFunnel } from './app.mjs';

const BUDGET = 16 * 1024;
const VIEWS = ['overview', 'funnel', 'leaderboard', 'clover', 'trends', 'data'];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const app = startApp();
let link;
const tmp = mkdtempSync(join(tmpdir(), 'clover-e2e-snapshot-'));
const demo = join(tmp, 'demo.json');
before(async () => {
  clover(['demo', '--out', demo]);
});


/** Presents the deck and reads every slide: its kind, title and text. */
async function deck(page) {
  await page.click('[data-testid="present-button"]');
  await page.waitForSelector('[data-testid="slide"][data-index="0"]', { timeout: 60000 });
  // The deck asks for the journey and the segments (pseudonymised): wait until they are in.
  await page.waitForSelector('.slide-kind-journey canvas', { state: 'attached', timeout: 60000 });
  const n = Number((await page.textContent('[data-testid="slide-count"]')).split('/')[1]);
  const slides = [];
  for (let i = 0; i < n; i++) {
    await page.waitForSelector(`[data-testid="slide"][data-index="${i}"]`);
    slides.push(await page.$eval('[data-testid="slide"]', (s) => ({ kind: s.dataset.kind, title: s.querySelector('[data-testid="slide-title"]')?.textContent ?? '', text: s.innerText })));
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="deck"]', { state: 'detached' });
  return slides;
}

/** The fragment of a link, and the link with another fragment. */
const fragmentOf = (url) => new URL(url).hash.match(/snapshot=([^&]*)/)[1];
const withFragment = (url, f) => url.replace(/snapshot=[^&]*/, `snapshot=${f}`);

/** A snapshot's JSON, and a snapshot made of JSON, as the format says (v1. base64url deflate). */
const unpack = (f) => JSON.parse(inflateRawSync(Buffer.from(f.slice(3), 'base64url')).toString('utf8'));
const pack = (json) => `v1.${deflateRawSync(Buffer.from(JSON.stringify(json))).toString('base64url')}`;

test('a snapshot link reopens in a fresh browser context with the same funnel and no real name', async () => {
  const page = await openPage(app.browser, `${app.url}#view=funnel&data=demo`);
  await page.waitForSelector('[data-testid="funnel-stage"]', { timeout: 90000 });
  // Real names on screen here: the filter's pseudonymise switch is off.
  assert.equal(await page.isChecked('[data-testid="pseudonymise-toggle"]'), false);
  const counts = await readFunnel(page);
  await page.click('[data-testid="snapshot-button"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="snapshot-link"]')?.value.includes('snapshot=v1.'), null, { timeout: 60000 });
  link = await page.inputValue('[data-testid="snapshot-link"]');
  assert.ok(link.startsWith(`${app.url}#view=funnel&snapshot=v1.`), link.slice(0, 80));
  assert.ok(link.length <= BUDGET, `${link.length} characters`);
  // Copied, or selected for the user to copy where the browser refuses: either way it says so.
  await page.waitForFunction(() => /Copied|Ctrl\+C/.test(document.querySelector('[data-testid="snapshot-status"]').textContent));
  assert.equal(await page.isChecked('[data-testid="snapshot-names"]'), false, 'names are pseudonymised unless chosen');
  await screenshot(page, 'snapshot-panel');
  // The deck as presented here (pseudonymised, the journey by quarter, the segments).
  const slides = await deck(page);
  assert.ok(slides.length >= 8, `${slides.length} slides`);

  // Every person of the demo, by name: none may appear in the snapshot.
  const people = JSON.parse(readFileSync(demo, 'utf8')).people.filter((p) => !p.bot).map((p) => p.name).filter((n) => n && n.length > 3);
  assert.ok(people.length > 1000, `${people.length} names`);

  const fresh = await openPage(app.browser, link);
  await fresh.waitForSelector('[data-testid="funnel-stage"]', { timeout: 60000 });
  assert.deepEqual(await readFunnel(fresh), counts);
  assert.match(await fresh.textContent('[data-testid="summary-note"]'), /snapshot of the Clover demo organisation .*names pseudonymised/);
  assert.equal(await fresh.$('[data-testid="snapshot-button"]'), null, 'a snapshot is not snapshotted again');
  assert.equal(await fresh.$('.filters'), null, 'filters are off');
  for (const view of VIEWS) {
    // Drawn first: a view not yet drawn shows no name at all.
    await navDrawn(fresh, view);
    const text = await fresh.evaluate(() => document.body.innerText);
    const seen = people.filter((n) => text.includes(n));
    assert.deepEqual(seen, [], `real names on the ${view} view of the snapshot`);
  }
  // The deck opens from the snapshot with the same slides and sentences, and no real name.
  const shown = await deck(fresh);
  assert.deepEqual(shown.map((x) => [x.kind, x.title]), slides.map((x) => [x.kind, x.title]));
  for (const x of shown) assert.deepEqual(people.filter((n) => x.text.includes(n)), [], `real names on the ${x.kind} slide`);
  await nav(fresh, 'leaderboard');
  const names = await fresh.$$eval('[data-testid="leaderboard-row"]', (rs) => rs.map((r) => r.dataset.name));
  assert.equal(names.length, 10);
  assert.ok(names.every((n) => /^Person \d{4,}$/.test(n)), names.join(', '));
  await screenshot(fresh, 'snapshot-leaderboard');

  // The fragment never reached a server: no request carries it, none left 127.0.0.1.
  const fragment = fragmentOf(link);
  for (const p of [page, fresh]) {
    const leaked = p.requests().filter((u) => u.includes('snapshot=') || u.includes(fragment.slice(3, 40)));
    assert.deepEqual(leaked, []);
    assert.deepEqual(p.problems(), []);
  }
  // The address keeps the snapshot, so a reload opens it again (at the view shown).
  assert.ok((await fresh.evaluate(() => location.hash)).includes(`snapshot=${fragment}`));
  await fresh.reload();
  await fresh.waitForSelector('[data-testid="leaderboard-row"]', { timeout: 60000 });
  await nav(fresh, 'funnel');
  assert.deepEqual(await readFunnel(fresh), counts);
  assert.deepEqual(fresh.problems(), []);
  await page.context().close();
  await fresh.context().close();
});

test('a damaged, cut or foreign-version snapshot link shows a message and opens nothing', async () => {
  assert.ok(link, 'the first test made a link');
  const f = fragmentOf(link);
  const flipped = f.slice(0, 200) + [...f.slice(200, 260)].map((c) => (c === 'A' ? 'B' : 'A')).join('') + f.slice(260);
  const cases = [
    [withFragment(link, flipped), /damaged|no real organisation/],
    [withFragment(link, f.slice(0, Math.floor(f.length / 2))), /damaged or incomplete/],
    [withFragment(link, `v2.${f.slice(3)}`), /format version 2/],
    [withFragment(link, 'hello'), /not a Clover snapshot/],
  ];
  for (const [url, message] of cases) {
    const page = await openPage(app.browser, url);
    await page.waitForSelector('[data-testid="worker-error"]', { timeout: 60000 });
    assert.match(await page.textContent('[data-testid="worker-error"]'), message);
    assert.equal(await page.$('.kpis'), null, 'no dashboard');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(page.problems(), []);
    await page.context().close();
  }
});

test('a well-formed snapshot with HTML in its names shows them as text and runs nothing', async () => {
  assert.ok(link, 'the first test made a link');
  const json = unpack(fragmentOf(link));
  const a = json.analysis;
  a.leaderboard[0].name = HOSTILE;
  a.network.nodes[0].name = HOSTILE;
  a.segments[0].name = HOSTILE;
  a.exchange.departments[0] = HOSTILE;
  json.meta.made = '<img src=x onerror=alert(1)>';
  const page = await openPage(app.browser, withFragment(link, pack(json)));
  await page.waitForSelector('[data-testid="summary-note"]', { timeout: 60000 });
  assert.ok((await page.textContent('[data-testid="summary-note"]')).includes('made on <img src=x onerror=alert(1)>'));
  // Each view is checked once it shows the hostile name as text: before that, finding no
  // element made from it would prove nothing.
  const noElement = async (where) => assert.equal(await page.$$eval('main img, header img', (i) => i.length), 0, `no element made from a name (${where})`);
  await navDrawn(page, 'leaderboard');
  assert.equal(await page.getAttribute('[data-testid="leaderboard-row"]', 'data-name'), HOSTILE);
  assert.ok((await page.textContent('[data-testid="leaderboard-row"] th')).startsWith(HOSTILE));
  await noElement('leaderboard');
  await navDrawn(page, 'trends');
  await page.waitForSelector('#chart-network canvas', { timeout: 30000 });
  await page.waitForFunction((h) => document.querySelector('[data-testid="network-table"]').textContent.includes(h), HOSTILE);
  await noElement('trends');
  await navDrawn(page, 'clover');
  await page.waitForSelector('[data-testid="segment-row"]');
  assert.equal(await page.getAttribute('[data-testid="segment-row"]', 'data-name'), HOSTILE);
  await noElement('clover');
  // An element made from a name would have requested /x by now: every request the page makes
  // is made once the network is idle.
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.requests().filter((u) => new URL(u).pathname.endsWith('/x')), []);
  assert.deepEqual(page.problems(), []);
  await page.context().close();
});
