// Progress over time as a person reads it: a window compared with the period before, the
// changes on the Overview and the Funnel, the maturity journey and the departments compared on
// the Clover view, partial periods, and the leaderboard's movement. Every number is compared
// with `clover analyze --json` / `clover journey --json` on the same data.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, openPage, screenshot } from './harness.mjs';
import { clover, nav } from './app.mjs';

const app = startApp();
const tmp = mkdtempSync(join(tmpdir(), 'clover-e2e-progress-'));
const demo = join(tmp, 'demo.json');
before(async () => {
  clover(['demo', '--out', demo]);
});

/** Opens the demo at a link's settings and waits for the Overview's figures. */
async function openDemo(hash, options = {}, ready = '.kpis') {
  const page = await openPage(app.browser, `${app.url}#${hash}`, options);
  await page.waitForSelector(ready, { timeout: 90000 });
  return page;
}

test('Q1 against Q4: every change on screen is the one clover analyze --compare previous gives', async () => {
  const expected = JSON.parse(clover(['analyze', demo, '--from', '2025-01-01', '--to', '2025-03-31', '--compare', 'previous', '--json']));
  assert.equal(expected.baseline.window.label, '2024 Q4');
  const page = await openDemo('view=overview&data=demo&from=2025-01-01&to=2025-03-31&cmp=previous');
  await page.waitForSelector('[data-testid="compared-with"]');
  assert.match(await page.textContent('[data-testid="compared-with"]'), /Compared with 2024 Q4 \(2024-10-01 to 2024-12-31\)/);
  // Each card's change: the metric, its direction and the core's sentence.
  const shown = await page.$$eval('.kpi [data-testid="change"]', (cs) => cs.map((c) => ({ metric: c.dataset.metric, direction: c.dataset.direction, text: c.title })));
  const byMetric = new Map(expected.changes.map((c) => [c.metric, c]));
  assert.deepEqual(shown.map((s) => s.metric), ['members', 'active_share', 'contributors', 'engaged', 'champions', 'clover']);
  for (const s of shown) {
    const c = byMetric.get(s.metric);
    assert.ok(c, `a change for ${s.metric}`);
    assert.equal(s.direction, c.direction, s.metric);
    assert.equal(s.text, c.text, s.metric);
  }
  // A change is an arrow and a signed number, never colour alone.
  const contributors = await page.textContent('.kpi[data-kpi="contributors"] [data-testid="change"] .amount');
  const c = byMetric.get('contributors');
  const sign = c.change > 0 ? '+' : c.change < 0 ? '−' : '';
  assert.ok(contributors.includes(`${sign}${Math.abs(c.change)}`), contributors);
  assert.ok(/[▲▼=]/.test(contributors), contributors);
  // The insights carry the Clover change sentence.
  const insights = await page.$$eval('[data-testid="insight"] > span', (s) => s.map((x) => x.textContent.replace(/\u00a0/g, ' ')));
  assert.deepEqual(insights, expected.insights.map((i) => i.text));
  // The dates show the window analysed, and the link keeps the comparison.
  assert.equal(await page.inputValue('[data-testid="filter-from"]'), '2025-01-01');
  assert.equal(await page.inputValue('[data-testid="filter-compare"]'), 'previous');
  assert.match(await page.evaluate(() => location.hash), /cmp=previous/);
  await screenshot(page, 'progress-overview-1280');

  // The funnel beside its baseline.
  await nav(page, 'funnel');
  await page.waitForSelector('[data-testid="funnel-stage"]');
  const rows = await page.$$eval('[data-testid="funnel-stage"]', (rs) => rs.map((r) => ({ stage: r.dataset.stage, count: Number(r.dataset.count), baseline: Number(r.dataset.baseline) })));
  assert.deepEqual(rows, expected.funnel.map((s, i) => ({ stage: s.stage, count: s.count, baseline: expected.baseline.funnel[i].count })));
  assert.deepEqual(page.problems(), []);
  await page.context().close();
});

test('the Clover view: the journey and the departments compared are those of the CLI', async () => {
  const journey = JSON.parse(clover(['journey', demo, '--json']));
  const expected = JSON.parse(clover(['analyze', demo, '--json']));
  const page = await openDemo('view=overview&data=demo', { width: 1920, height: 1080 });
  await nav(page, 'clover');
  await page.waitForSelector('[data-testid="journey-period"]', { timeout: 60000 });
  const periods = await page.$$eval('[data-testid="journey-period"]', (rs) => rs.map((r) => ({ period: r.dataset.period, overall: r.dataset.overall, complete: r.dataset.complete === 'true' })));
  assert.deepEqual(periods, journey.periods.map((p) => ({ period: p.label, overall: p.clover?.overall == null ? '' : String(Math.round(p.clover.overall)), complete: p.complete })));
  // The journey by month is the CLI's by month.
  await page.check('[data-testid="journey-by-month"]');
  await page.waitForSelector('[data-testid="journey"][data-by="month"]', { timeout: 60000 });
  const months = await page.$$eval('[data-testid="journey-period"]', (rs) => rs.map((r) => r.dataset.period));
  const byMonth = JSON.parse(clover(['journey', demo, '--by', 'month', '--json']));
  assert.deepEqual(months, byMonth.periods.map((p) => p.label));
  await page.check('[data-testid="journey-by-quarter"]');

  const segments = await page.$$eval('[data-testid="segment-row"]', (rs) => rs.map((r) => ({ name: r.dataset.name, suppressed: r.dataset.suppressed === 'true', people: r.dataset.people || null, overall: r.dataset.overall || null })));
  assert.deepEqual(segments, expected.segments.map((s) => ({
    name: s.name,
    suppressed: s.suppressed,
    people: s.suppressed ? null : String(s.people),
    overall: s.suppressed || s.clover?.overall == null ? null : String(Math.round(s.clover.overall)),
  })));
  // A suppressed segment shows no number at all.
  const hidden = await page.$$eval('[data-testid="segment-row"][data-suppressed="true"]', (rs) => rs.map((r) => r.textContent));
  for (const h of hidden) assert.ok(!/\d+ %|\d+\.\d h/.test(h.replace(/Fewer than \d+ people/, '')), h);
  // Each indicator below its target says what it would take.
  const gaps = await page.$$eval('[data-testid="gap"]', (g) => g.map((x) => x.textContent));
  const expectedGaps = expected.clover.leaves.flatMap((l) => l.indicators).filter((i) => i.gap).map((i) => i.gap.text);
  assert.deepEqual(gaps, expectedGaps);
  await screenshot(page, 'progress-clover-1920');
  assert.deepEqual(page.problems(), []);
  await page.context().close();
});

test('a partial period is marked, and the leaderboard says once that ranks cannot move yet', async () => {
  const expected = JSON.parse(clover(['analyze', demo, '--from', '2025-04-01', '--to', '2025-09-30', '--compare', 'previous', '--json']));
  assert.ok(expected.window.partial, 'the CLI marks the window partial');
  const page = await openDemo('view=overview&data=demo&from=2025-04-01&to=2025-09-30&cmp=previous');
  await page.waitForSelector('[data-testid="partial"]');
  assert.match(await page.textContent('[data-testid="partial"]'), new RegExp(expected.window.partial.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const partial = await page.$$eval('.kpi [data-testid="change"] .amount', (cs) => cs.map((c) => c.textContent));
  assert.ok(partial.every((t) => t.includes('partial')), partial.join(' | '));

  // The whole range: nothing before it, so no rank is "new" and the page says why once.
  const whole = await openDemo('view=leaderboard&data=demo', {}, '[data-testid="leaderboard-row"]');
  await whole.waitForSelector('[data-testid="no-previous"]');
  const moves = await whole.$$eval('[data-testid="leaderboard-row"] td.move', (m) => m.map((x) => x.textContent));
  assert.ok(moves.length > 0 && moves.every((m) => m === '—'), moves.slice(0, 5).join(','));
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(whole.problems(), []);
  await page.context().close();
  await whole.context().close();
});

test('one click from the whole range to the last complete quarter against the one before', async () => {
  const page = await openDemo('view=overview&data=demo');
  await page.click('[data-testid="suggest-compare"]');
  await page.waitForSelector('[data-testid="compared-with"]');
  assert.match(await page.evaluate(() => location.hash), /cmp=previous/);
  assert.equal(await page.$('[data-testid="suggest-compare"]'), null, 'the suggestion goes once a comparison is shown');
  assert.deepEqual(page.problems(), []);
  await page.context().close();
});

test('a preset sets a complete period against the one before', async () => {
  const page = await openDemo('view=overview&data=demo');
  const options = await page.$$eval('[data-testid="filter-period"] option', (os) => os.map((o) => o.value));
  assert.ok(options.includes('last_quarter'), options.join(','));
  await page.selectOption('[data-testid="filter-period"]', 'last_quarter');
  await page.waitForFunction(() => document.querySelector('[data-testid="compared-with"]'));
  const hash = await page.evaluate(() => location.hash);
  const from = /from=([0-9-]+)/.exec(hash)[1];
  const to = /to=([0-9-]+)/.exec(hash)[1];
  assert.match(hash, /cmp=previous/);
  const expected = JSON.parse(clover(['analyze', demo, '--from', from, '--to', to, '--compare', 'previous', '--json']));
  assert.equal(expected.window.partial, null);
  await page.waitForFunction((label) => document.querySelector('[data-testid="window-line"]')?.textContent.includes(label), expected.window.label);
  const text = await page.textContent('[data-testid="compared-with"]');
  assert.ok(text.includes(expected.baseline.window.label), text);
  assert.deepEqual(page.problems(), []);
  await page.context().close();
});
