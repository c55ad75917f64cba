// Loading real exports through the file input, the way a person does: the load summary on
// screen must equal `clover import --json` on the same files, the funnel, leaderboard and
// Clover scores must equal `clover analyze --json`, errors name the file, and
// nothing leaves 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startApp, openPage, screenshot, SAMPLES } from './harness.mjs';
import { cliImport, cliAnalyze, nav, loadFiles, readLoadSummary, funnelOnScreen, readLeaderboard, readLeaves } from './app.mjs';

const app = startApp();

/** The funnel, the leaderboard and the Clover scores on screen equal `clover analyze --json`. */
async function assertScreenMatchesAnalyze(page, files) {
  const expected = cliAnalyze(files);
  const funnel = await funnelOnScreen(page);
  assert.deepEqual(funnel, expected.funnel.map((x) => ({ stage: x.stage, count: x.count })));
  await nav(page, 'leaderboard');
  const rows = await readLeaderboard(page);
  assert.deepEqual(rows, expected.leaderboard.slice(0, 10).map((r) => ({ rank: r.rank, name: r.name, score: Math.round(r.score) })));
  await nav(page, 'clover');
  await page.waitForSelector('[data-testid="clover-leaf"]');
  const leaves = await readLeaves(page);
  assert.deepEqual(leaves, expected.clover.leaves.map((l) => ({ leaf: l.leaf, score: l.score === null ? '' : String(Math.round(l.score)) })));
}

async function loadThroughInput(files) {
  const page = await openPage(app.browser, app.url);
  // Once loaded, the filters appear and the app opens the overview (or the Data view when
  // nothing had messages); the load summary is on the Data view.
  await loadFiles(page, files);
  return { page, shown: await readLoadSummary(page) };
}

const CASES = [
  ['a Slack export ZIP', ['slack/rusq-slackdump/source_export.zip']],
  ['a 2016 Slack export ZIP', ['slack/hfaran-slack-export-viewer/testarchive.zip']],
  ['two Discord channel files at once', [
    'discord/zulip-discord_fixtures/channels/zulip-discord server - Text Channels - general [1519311538035490958].json',
    'discord/zulip-discord_fixtures/channels/zulip-discord server - Text Channels - general-2 [1519313380647764018].json',
  ]],
  ['a Mattermost bulk export', ['mattermost/zulip-mattermost_fixtures/export.json']],
  ['Yammer REST messages', ['yammer/apache-camel-yammer/messages.json']],
];

for (const [what, rel] of CASES) {
  test(`loads ${what} and shows the same counts as the CLI`, async () => {
    const files = rel.map((r) => join(SAMPLES, r));
    const expected = cliImport(files);
    const { page, shown } = await loadThroughInput(files);
    assert.deepEqual(shown, {
      people: expected.people, posts: expected.posts, replies: expected.replies, reactions: expected.reactions,
    });
    assert.ok(shown.people > 0);
    await assertScreenMatchesAnalyze(page, files);
    assert.deepEqual(page.problems(), []);
    await page.close();
  });
}

test('a file that is not an export is named in an error while the others load', async () => {
  const good = join(SAMPLES, 'mattermost/zulip-mattermost_fixtures/export.json');
  const bad = join(SAMPLES, 'slack/hfaran-slack-export-viewer/LICENSE');
  const { page, shown } = await loadThroughInput([good, bad]);
  assert.ok(shown.posts > 0);
  const errors = await page.$$eval('[data-testid="load-error"]', (els) => els.map((e) => e.textContent));
  assert.equal(errors.length, 1);
  assert.match(errors[0], /LICENSE/);
  assert.match(errors[0], /not a supported export/);
  await screenshot(page, 'import-with-error');
  assert.deepEqual(page.problems(), []);
});

test('Try the demo loads a believable organisation', async () => {
  const page = await openPage(app.browser, app.url);
  await page.click('[data-testid="demo-button"]');
  await page.waitForSelector('.filters', { timeout: 90000 });
  await nav(page, 'data');
  await page.waitForSelector('[data-testid="load-summary"]');
  const people = Number(await page.getAttribute('[data-testid="load-summary"]', 'data-people'));
  const posts = Number(await page.getAttribute('[data-testid="load-summary"]', 'data-posts'));
  assert.ok(people >= 1500, `people ${people}`);
  assert.ok(posts > 1000, `posts ${posts}`);
  await screenshot(page, 'demo-data-view');
  assert.deepEqual(page.problems(), []);
});

test('the demo loads in the worker: the page keeps drawing a moving progress bar', async () => {
  const page = await openPage(app.browser, app.url);
  await page.waitForSelector('[data-testid="demo-button"]');
  // Record every progress text the page draws. A page frozen by the work would draw at
  // most the first and the last; the worker leaves the page free to draw each step.
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="load-progress"] p');
      if (el && window.__progress.at(-1) !== el.textContent) window.__progress.push(el.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.click('[data-testid="demo-button"]');
  await page.waitForSelector('[data-testid="insight"]', { timeout: 90000 });
  const seen = await page.evaluate(() => window.__progress);
  const steps = new Set(seen.map((t) => (t.match(/^Step (\d) of 5/) || [])[1]).filter(Boolean));
  assert.ok(steps.size >= 3, `progress steps drawn: ${JSON.stringify(seen)}`);
  assert.ok(seen.some((t) => /Reading the Clover JSON files · [\d.]+ (KB|MB) of [\d.]+ MB/.test(t)), JSON.stringify(seen));
  // The bar is gone once the numbers are there.
  assert.equal(await page.$('[data-testid="load-progress"]'), null);
  // The importers and the analysis live in the worker's wasm, not the page's.
  const wasm = page.requests().filter((n) => n.endsWith('.wasm'));
  assert.equal(wasm.length, 2, JSON.stringify(wasm));
  assert.ok(wasm.some((n) => /\/worker-[0-9a-f]{16}_bg\.wasm$/.test(n)), JSON.stringify(wasm));
  assert.deepEqual(page.problems(), []);
});

test('a whole folder (an unzipped Teams export) loads with its layout and the same counts as the CLI', async () => {
  const dir = join(SAMPLES, 'teams/zulip-TeamsData_ZulipChat');
  const expected = cliImport([dir]);
  const page = await openPage(app.browser, app.url);
  await page.waitForSelector('[data-testid="folder-input"]', { state: 'attached' });
  assert.equal(await page.getAttribute('[data-testid="folder-input"]', 'webkitdirectory'), '');
  await loadFiles(page, dir, { input: 'folder-input' });
  const shown = await readLoadSummary(page);
  assert.deepEqual(shown, { people: expected.people, posts: expected.posts, replies: expected.replies, reactions: expected.reactions });
  await assertScreenMatchesAnalyze(page, [dir]);
  assert.deepEqual(page.problems(), []);
});
