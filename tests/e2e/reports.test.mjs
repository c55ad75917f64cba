// Activity reports dropped on the page (issue 22): a Teams and a Viva Engage user activity
// report of one window, as the demo writes them (`clover demo --reports`), give on screen the
// funnel `clover analyze --json` gives — four stages, no engaged or champions — with readers
// on the Overview, no personas on the leaderboard, activation counting reading, and a deck
// whose titles are the core's. A report with concealed names says so on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, openPage, screenshot } from './harness.mjs';
import { clover, cliAnalyze, nav, loadFiles, funnelOnScreen, readLeaderboard } from './app.mjs';

const app = startApp();
const normal = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

// The demo's Microsoft 365 reports: four windows of Teams and Viva Engage.
const dir = mkdtempSync(join(tmpdir(), 'clover-e2e-reports-'));
clover(['demo', '--people', '400', '--months', '12', '--reports', dir]);
const ms = join(dir, 'microsoft-365');
const named = (prefix) => readdirSync(ms).filter((f) => f.startsWith(prefix)).sort().map((f) => join(ms, f));
const teams = named('TeamsUserActivityUserDetail');
const engage = named('YammerActivityUserDetail');

test('a Teams and a Viva Engage report give the funnel clover analyze gives, with readers and no personas', async () => {
  const files = [teams.at(-1), engage.at(-1)];
  // The deck asks for the journey by quarter: so does the CLI here.
  const expected = JSON.parse(clover(['analyze', '--json', '--journey', 'quarter', ...files]));
  assert.equal(expected.data, 'reports');
  assert.deepEqual(expected.funnel.map((f) => f.stage), ['workforce', 'members', 'active', 'contributors']);
  const page = await openPage(app.browser, app.url);
  // The landing page says where these reports come from.
  const howto = normal(await page.textContent('[data-testid="reports-howto"]'));
  assert.ok(howto.includes('Microsoft 365 admin center › Reports › Usage'), howto);
  assert.ok(howto.includes('Analytics › Members'), howto);
  await loadFiles(page, files);
  // The Data view names both reports and their window.
  const read = await page.$$eval('[data-testid="report-file"] th', (ths) => ths.map((th) => th.textContent));
  assert.deepEqual(read, ['Microsoft Teams user activity report', 'Viva Engage activity report']);

  // The funnel on screen is the CLI's, stage for stage.
  const onScreen = await funnelOnScreen(page);
  assert.deepEqual(onScreen, expected.funnel.map((f) => ({ stage: f.stage, count: f.count })));
  assert.equal(await page.$('#chart-funnel-monthly'), null, 'no month-by-month chart from reports');
  await screenshot(page, 'reports-funnel');

  // The Overview: readers instead of engaged and champions, and the notes that say what
  // reports hold and which reports make the window.
  await nav(page, 'overview');
  await page.waitForSelector('.kpis');
  const kpis = await page.$$eval('.kpi', (ks) => ks.map((k) => [k.dataset.kpi, k.querySelector('.kpi-value').textContent]));
  assert.deepEqual(kpis, expected.figures.map((f) => [f.id, f.value]));
  assert.ok(kpis.some(([id]) => id === 'readers') && !kpis.some(([id]) => id === 'engaged' || id === 'champions'));
  const notes = await page.$$eval('[data-testid="analysis-note"]', (ns) => ns.map((n) => n.textContent));
  assert.deepEqual(notes.map(normal), expected.notes);
  const insights = await page.$$eval('[data-testid="insight"] span', (ss) => ss.map((s) => s.textContent));
  assert.deepEqual(insights.map(normal), expected.insights.map((i) => i.text));
  await screenshot(page, 'reports-overview');

  // The leaderboard: ranked as the core ranks, no persona, what reports count.
  await nav(page, 'leaderboard');
  await page.waitForSelector('[data-testid="leaderboard-row"]');
  const rows = await readLeaderboard(page, 5);
  assert.deepEqual(rows.map((r) => [r.rank, r.name, r.score]), expected.leaderboard.slice(0, 5).map((r) => [r.rank, r.name, r.score]));
  const personas = await page.$$eval('[data-testid="leaderboard-row"] [data-testid="persona"]', (cs) => cs.map((c) => c.textContent));
  assert.ok(personas.length > 0 && personas.every((p) => p === '—'), personas.join());
  const heads = await page.$$eval('.leaderboard thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(heads.some((h) => h.includes('Read')) && !heads.some((h) => h.includes('Replies')), heads.join('|'));
  await screenshot(page, 'reports-leaderboard');

  // Clover: activation counts reading and says so; what reports cannot show is no data.
  await nav(page, 'clover');
  await page.waitForSelector('[data-testid="clover-leaf"]');
  const activation = await page.$eval('tr[data-indicator="activation"] th', (th) => th.textContent);
  assert.ok(activation.includes('Activation (reading included)'), activation);
  assert.equal(await page.$eval('tr[data-indicator="collaboration"]', (tr) => tr.dataset.status), 'no_data');

  // The deck: every title is the core's.
  await page.click('[data-testid="present-button"]');
  await page.waitForSelector('[data-testid="slide"][data-index="0"]');
  const n = Number((await page.textContent('[data-testid="slide-count"]')).split('/')[1]);
  const titles = {};
  for (let i = 0; i < n; i++) {
    const s = await page.$eval('[data-testid="slide"]', (el) => ({ kind: el.dataset.kind, title: el.querySelector('[data-testid="slide-title"]').textContent }));
    titles[s.kind] = normal(s.title);
    if (s.kind === 'champions' || s.kind === 'funnel') await screenshot(page, `reports-slide-${s.kind}`);
    await page.keyboard.press('ArrowRight');
  }
  for (const s of expected.slides.filter((s) => s.kind !== 'title' && titles[s.kind] !== undefined)) {
    assert.equal(titles[s.kind], s.title, s.kind);
  }
  assert.ok(titles.champions.includes('active without posting'), titles.champions);
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('a report with concealed names says so, and how an admin shows them', async () => {
  const files = [teams[0], engage[0]];
  const expected = cliAnalyze(files);
  const concealed = expected.notes.find((n) => n.startsWith('Names are concealed'));
  assert.ok(concealed, 'the earliest Viva Engage report conceals names');
  const page = await openPage(app.browser, app.url);
  await loadFiles(page, files);
  const flagged = await page.$$eval('[data-testid="report-file"]', (rs) => rs.map((r) => r.dataset.concealed));
  assert.deepEqual(flagged, ['false', 'true']);
  await nav(page, 'overview');
  await page.waitForSelector('[data-testid="analysis-note"]');
  const notes = (await page.$$eval('[data-testid="analysis-note"]', (ns) => ns.map((n) => n.textContent))).map(normal);
  assert.ok(notes.includes(concealed), notes.join('\n'));
  assert.ok(notes.some((n) => n.includes('Viva Engage report is left out of this window')), notes.join('\n'));
  assert.deepEqual(await funnelOnScreen(page), expected.funnel.map((f) => ({ stage: f.stage, count: f.count })));
  assert.deepEqual(page.problems(), []);
  await page.close();
});
