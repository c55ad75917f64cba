// What the export cannot show, said on screen as the core says it (issue 23): a 2016 Slack
// workspace with no threads has indicators with "no data" (never a next step), the slide and
// the Clover view name what is missing and which export would show it, a small base carries
// its caution on the Overview card, the Clover view and the Clover slide; an export with no
// member list calls its members "people seen". Every figure equals `clover analyze --json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startApp, openPage, screenshot, SAMPLES } from './harness.mjs';
import { cliAnalyze, nav, loadFiles } from './app.mjs';

const app = startApp();
const normal = (s) => s.replace(/\u00a0/g, ' ').trim();

test('an export with no threads says what it cannot show, and a small base says so', async () => {
  const files = [join(SAMPLES, 'slack/hfaran-slack-export-viewer/testarchive.zip')];
  const expected = cliAnalyze(files);
  const page = await openPage(app.browser, app.url);
  await loadFiles(page, files);
  await nav(page, 'overview');
  await page.waitForSelector('.kpis');
  // The caution, word for word, under the cards.
  assert.ok(expected.clover.caution, 'four contributors: the core cautions');
  assert.equal(normal(await page.textContent('.overview [data-testid="caution"]')), expected.clover.caution);
  // The Clover card: no score, and why not.
  const card = await page.$eval('[data-kpi="clover"]', (el) => [el.querySelector('.kpi-value').textContent, el.querySelector('.kpi-sub').textContent]);
  assert.deepEqual(card, ['—', 'not enough data for a score']);

  await nav(page, 'clover');
  await page.waitForSelector('[data-testid="clover-leaf"]');
  // Each indicator's status as the core gives it, and its reason in words.
  const rows = await page.$$eval('tr[data-indicator]', (trs) => trs.map((tr) => ({
    id: tr.dataset.indicator, status: tr.dataset.status, text: tr.querySelector('th').textContent,
  })));
  const indicators = expected.clover.leaves.flatMap((l) => l.indicators);
  assert.deepEqual(rows.map((r) => [r.id, r.status]), indicators.map((i) => [i.id, i.status]));
  const responsiveness = indicators.find((i) => i.id === 'responsiveness');
  assert.equal(responsiveness.status, 'no_data');
  assert.ok(rows.find((r) => r.id === 'responsiveness').text.includes(responsiveness.reason));
  // No next step from what cannot be measured; the limits, each with the export that would show it.
  assert.equal(await page.$('[data-testid="next-steps"] [data-indicator="responsiveness"]'), null);
  const limits = await page.$$eval('[data-testid="limits"] li', (lis) => lis.map((li) => li.dataset.limit));
  assert.deepEqual(limits, expected.clover.limits.map((l) => l.kind));
  assert.ok(limits.includes('no_replies'));
  // Each leaf says how many of its indicators were measured.
  const coverage = await page.$$eval('[data-testid="coverage"]', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(coverage, expected.clover.leaves.map((l) => `${l.coverage.measured} of ${l.coverage.of} indicators measured`));
  assert.equal(normal(await page.textContent('.clover-view [data-testid="caution"]')), expected.clover.caution);
  await screenshot(page, 'story-no-threads-clover');

  // The deck: the Clover slide cautions, and one slide says what this export cannot show.
  await page.click('[data-testid="present-button"]');
  await page.waitForSelector('[data-testid="slide"][data-index="0"]');
  const n = Number((await page.textContent('[data-testid="slide-count"]')).split('/')[1]);
  const seen = {};
  for (let i = 0; i < n; i++) {
    const s = await page.$eval('[data-testid="slide"]', (el) => ({
      kind: el.dataset.kind,
      title: el.querySelector('[data-testid="slide-title"]').textContent,
      caution: el.querySelector('[data-testid="slide-caution"]')?.textContent ?? null,
      limits: [...el.querySelectorAll('[data-limit]')].map((li) => li.dataset.limit),
    }));
    seen[s.kind] = s;
    await page.keyboard.press('ArrowRight');
  }
  const core = (k) => expected.slides.find((s) => s.kind === k);
  assert.equal(normal(seen.limits.title), core('limits').title);
  assert.deepEqual(seen.limits.limits, expected.clover.limits.map((l) => l.kind));
  assert.equal(normal(seen.clover.caution), expected.clover.caution);
  assert.equal(normal(seen.clover.title), core('clover').title);
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('an export without a member list calls its members people seen', async () => {
  const files = [
    join(SAMPLES, 'discord/zulip-discord_fixtures/channels/zulip-discord server - Text Channels - general [1519311538035490958].json'),
  ];
  const expected = cliAnalyze(files);
  assert.equal(expected.member_list, false);
  const page = await openPage(app.browser, app.url);
  await loadFiles(page, files);
  assert.ok((await page.textContent('[data-testid="membership"]')).startsWith('This export has no member list'));
  await nav(page, 'overview');
  await page.waitForSelector('.kpis');
  assert.equal(await page.textContent('[data-kpi="members"] .kpi-label'), 'People seen');
  const insights = await page.$$eval('[data-testid="insight"] span', (s) => s.map((x) => x.textContent));
  assert.deepEqual(insights.map(normal), expected.insights.map((i) => i.text));
  assert.ok(insights.every((t) => !/\bmembers\b/.test(t.replace('member list', ''))), insights.join(' | '));
  await nav(page, 'funnel');
  await page.waitForSelector('[data-testid="funnel-stage"]');
  assert.equal(await page.textContent('[data-testid="funnel-stage"][data-stage="members"] th'), 'People seen');
  assert.deepEqual(page.problems(), []);
  await page.close();
});
