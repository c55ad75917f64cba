// The dashboard as a person uses it: load data, read the numbers on each view, compare
// them with `clover analyze --json` on the same data, filter, pseudonymise, and make sure
// hostile names stay text.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, openPage, screenshot, ROOT } from './harness.mjs';
import { clover, nav, navDrawn, showTooltip, loadDemo, funnelOnScreen, readFunnel, readLeaderboard, readLeaderboardNames, readLeaves } from './app.mjs';

const app = startApp();
const tmp = mkdtempSync(join(tmpdir(), 'clover-e2e-'));
before(async () => {
});

test('the demo: every view shows the same numbers as clover analyze', async () => {
  const file = join(tmp, 'demo.json');
  clover(['demo', '--out', file]);
  const expected = JSON.parse(clover(['analyze', file, '--json']));
  const page = await openPage(app.browser, app.url);
  await loadDemo(page);
  await screenshot(page, 'overview-light');
  assert.ok((await page.$$('[data-testid="insight"]')).length >= 3, 'three or more insights');

  assert.deepEqual(await funnelOnScreen(page), expected.funnel.map((s) => ({ stage: s.stage, count: s.count })));
  await screenshot(page, 'funnel-light');

  await nav(page, 'leaderboard');
  const rows = await readLeaderboard(page);
  assert.deepEqual(rows, expected.leaderboard.slice(0, 10).map((r) => ({ rank: r.rank, name: r.name, score: Math.round(r.score) })));
  await screenshot(page, 'leaderboard-light');

  await nav(page, 'clover');
  const leaves = await readLeaves(page);
  assert.deepEqual(leaves, expected.clover.leaves.map((l) => ({ leaf: l.leaf, score: l.score === null ? '' : String(Math.round(l.score)) })));
  const overall = await page.getAttribute('[data-testid="clover-overall"]', 'data-score');
  assert.equal(overall, String(Math.round(expected.clover.overall)));
  await screenshot(page, 'clover-light');

  await nav(page, 'trends');
  await page.waitForSelector('#chart-weekly canvas');
  await page.waitForSelector('#chart-exchange canvas');
  await screenshot(page, 'trends-light');
  await page.$eval('#chart-exchange', (el) => el.scrollIntoView());
  await page.waitForTimeout(400);
  await screenshot(page, 'trends-exchange-light');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#chart-exchange ~ [data-testid="chart-png"]')]);
  const bytes = Buffer.concat(await (await png.createReadStream()).toArray());
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual(page.problems(), []);
});

test('filters change the numbers without re-importing', async () => {
  const page = await openPage(app.browser, app.url);
  await loadDemo(page);
  const all = await funnelOnScreen(page);
  const departments = await page.$$eval('[data-testid="filter-department"] option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(departments.length >= 8);
  await page.selectOption('[data-testid="filter-department"]', departments[0]);
  await page.waitForFunction((before) => {
    const m = document.querySelector('[data-testid="funnel-stage"][data-stage="members"]');
    return m && Number(m.dataset.count) < before;
  }, all.find((s) => s.stage === 'members').count);
  const one = await funnelOnScreen(page);
  assert.ok(one[1].count < all[1].count);
  assert.deepEqual(page.problems(), []);
});

test('pseudonymise hides every real name', async () => {
  const page = await openPage(app.browser, app.url);
  await loadDemo(page);
  await nav(page, 'leaderboard');
  const real = await readLeaderboardNames(page);
  await page.check('[data-testid="pseudonymise-toggle"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="leaderboard-row"]')?.dataset.name.startsWith('Person '));
  const text = await page.textContent('main');
  for (const name of real) assert.ok(!text.includes(name), `${name} still shown`);
  const shown = await readLeaderboardNames(page);
  assert.ok(shown.every((n) => /^Person \d{4,}$/.test(n)), shown.join(', '));
  await screenshot(page, 'leaderboard-pseudonymised');
  assert.deepEqual(page.problems(), []);
});

test('hostile names render as text and run nothing', async () => {
  const evil = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', '"><svg onload=window.__pwned=3>', "Robert'); DROP TABLE people;--"];
  const people = evil.map((name, i) => ({ id: `p${i}`, name, department: `<b>Dept ${i}</b>` }));
  const messages = [];
  let t = Date.parse('2025-01-06T09:00:00Z');
  for (let w = 0; w < 6; w++) {
    for (let i = 0; i < people.length; i++) {
      const id = `m${w}-${i}`;
      messages.push({ id, space: 's<i>1</i>', author: `p${i}`, time: new Date(t).toISOString(), reactions: [{ person: `p${(i + 1) % people.length}` }] });
      messages.push({ id: `${id}r`, space: 's<i>1</i>', author: `p${(i + 1) % people.length}`, time: new Date(t + 60000).toISOString(), parent: id });
      t += 3600000;
    }
    t += 7 * 86400000;
  }
  const doc = { format: 'clover', version: 1, people, spaces: [{ id: 's<i>1</i>', name: '<iframe src=javascript:alert(1)>', kind: 'channel' }], messages };
  const file = join(tmp, 'hostile.json');
  writeFileSync(file, JSON.stringify(doc));
  const page = await openPage(app.browser, app.url);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.setInputFiles('[data-testid="file-input"]', [file]);
  await page.waitForSelector('.kpis');
  await page.fill('[data-testid="min-group"]', '1');
  await page.press('[data-testid="min-group"]', 'Enter');
  await page.dispatchEvent('[data-testid="min-group"]', 'change');
  for (const v of ['leaderboard', 'funnel', 'clover', 'trends', 'data', 'overview']) await nav(page, v);
  await navDrawn(page, 'trends');
  await page.waitForSelector('#chart-exchange canvas');
  // Hover a cell of the heatmap: its HTML tooltip names departments ("<b>Dept 0</b>"…). Only
  // once it is drawn, with their names, does "nothing injected" say anything.
  const heat = await showTooltip(page, 'chart-exchange', { hover: true });
  assert.match(heat, /Dept \d/, heat);
  assert.equal(await page.$$eval('#chart-exchange b, #chart-exchange img', (els) => els.length), 0);
  // The network's names reach ECharts with their angle brackets defused, and hovering it
  // draws no element from a name.
  await page.waitForSelector('#chart-network canvas');
  const drawn = await page.$eval('#chart-network', (el) => window.echarts.getInstanceByDom(el).getOption().series[0].data.map((d) => d.name));
  assert.equal(drawn.length, evil.length, JSON.stringify(drawn));
  assert.ok(drawn.every((n) => !n.includes('<')), JSON.stringify(drawn));
  assert.ok(drawn.includes('‹img src=x onerror="window.__pwned=1"›'), JSON.stringify(drawn));
  // Each person's tooltip is drawn with their name as text, and no element is made from it.
  for (let i = 0; i < drawn.length; i++) {
    const tip = await showTooltip(page, 'chart-network', { item: i });
    assert.ok(tip.includes(drawn[i]), `the tooltip of ${drawn[i]}: ${tip}`);
    assert.equal(await page.$$eval('#chart-network b, #chart-network img, #chart-network script', (els) => els.length), 0);
  }
  await nav(page, 'leaderboard');
  const names = await readLeaderboardNames(page);
  assert.ok(names.includes(evil[0]), names.join(' | '));
  assert.ok((await page.textContent('main')).includes('<script>window.__pwned=2</script>'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('main img, main iframe, main b, main i, main svg[onload]', (els) => els.length), 0);
  assert.equal(dialogs, 0);
  await screenshot(page, 'hostile-names');
  assert.deepEqual(page.problems(), []);
});

test('the URL holds the view and filters, and a copied link reproduces the screen', async () => {
  const page = await openPage(app.browser, app.url);
  await loadDemo(page);
  const departments = await page.$$eval('[data-testid="filter-department"] option', (os) => os.map((o) => o.value).filter(Boolean));
  await page.selectOption('[data-testid="filter-department"]', departments[1]);
  await nav(page, 'funnel');
  await page.waitForFunction(() => location.hash.includes('dept=') && location.hash.includes('view=funnel') && location.hash.includes('data=demo'));
  const before = await funnelOnScreen(page);
  const link = page.url();
  const again = await openPage(app.browser, link);
  await again.waitForSelector('[data-testid="funnel-stage"]', { timeout: 90000 });
  assert.equal(await again.$eval('[data-testid="filter-department"]', (s) => s.value), departments[1]);
  assert.deepEqual(await readFunnel(again), before);
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(again.problems(), []);
});

test('the space filter and direct messages change the numbers and live in the URL', async () => {
  const page = await openPage(app.browser, app.url);
  await loadDemo(page);
  const all = await funnelOnScreen(page);
  const spaces = await page.$$eval('[data-testid="filter-space"] option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(spaces.length > 5, `spaces offered: ${spaces.length}`);
  await page.selectOption('[data-testid="filter-space"]', spaces[0]);
  await page.waitForFunction(() => location.hash.includes('space='));
  await page.waitForFunction((before) => {
    const rows = [...document.querySelectorAll('[data-testid="funnel-stage"]')].map((r) => Number(r.dataset.count));
    return rows.length === 6 && rows[3] !== before;
  }, all[3].count);
  const one = await funnelOnScreen(page);
  assert.ok(one[3].count < all[3].count, `contributors in one space ${one[3].count} < everywhere ${all[3].count}`);
  // Direct messages: off by default; including them adds their authors' activity.
  await page.selectOption('[data-testid="filter-space"]', '');
  await page.check('[data-testid="filter-direct"]');
  await page.waitForFunction(() => location.hash.includes('direct=1') && !location.hash.includes('space='));
  const again = await openPage(app.browser, page.url());
  await again.waitForSelector('[data-testid="funnel-stage"]', { timeout: 90000 });
  assert.equal(await again.isChecked('[data-testid="filter-direct"]'), true);
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(again.problems(), []);
});

test('a summary from clover summarize opens like an export, with its fixed numbers and no filters', async () => {
  const demo = join(tmp, 'demo-for-summary.json');
  const summary = join(tmp, 'summary.json');
  clover(['demo', '--people', '300', '--months', '6', '--out', demo]);
  clover(['summarize', demo, '--out', summary, '--pseudonymise']);
  const expected = JSON.parse(clover(['analyze', demo, '--json']));
  const page = await openPage(app.browser, app.url);
  await page.setInputFiles('[data-testid="file-input"]', [summary]);
  await page.waitForSelector('[data-testid="summary-note"]', { timeout: 60000 });
  assert.match(await page.textContent('[data-testid="summary-note"]'), /summary\.json is a Clover summary .* names pseudonymised/);
  assert.equal(await page.$('.filters'), null, 'no filters on fixed numbers');
  assert.deepEqual(await funnelOnScreen(page), expected.funnel.map((x) => ({ stage: x.stage, count: x.count })));
  await nav(page, 'leaderboard');
  const names = await readLeaderboardNames(page);
  assert.ok(names.length > 0 && names.every((n) => /^Person \d+$/.test(n)), names.join(' | '));
  await nav(page, 'clover');
  assert.equal(await page.getAttribute('[data-testid="clover-overall"]', 'data-score'), String(Math.round(expected.clover.overall)));
  assert.equal(await page.$('[data-testid="self-assessment"]'), null);
  await screenshot(page, 'summary-clover');
  assert.deepEqual(page.problems(), []);
});

test('downloads: the leaderboard as CSV and the summary as JSON without messages', async () => {
  const page = await openPage(app.browser, app.url);
  await loadDemo(page);
  await nav(page, 'leaderboard');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="leaderboard-csv"]')]);
  const text = await (await csv.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
  const lines = text.trim().split('\n');
  assert.match(lines[0], /^rank,movement,name,department/);
  assert.equal(lines.length - 1, (await page.$$('[data-testid="leaderboard-row"]')).length);
  await nav(page, 'data');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="summary-download"]')]);
  const summary = JSON.parse(await (await json.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  assert.equal(summary.funnel.length, 6);
  assert.ok(!('messages' in summary));
  assert.deepEqual(page.problems(), []);
});

test('every view in the dark theme at 1280×720 (screenshots)', async () => {
  const page = await openPage(app.browser, `${app.url}#data=demo`, { colorScheme: 'dark' });
  await page.waitForSelector('.kpis', { timeout: 90000 });
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  for (const v of ['overview', 'funnel', 'leaderboard', 'clover', 'trends', 'data']) {
    await nav(page, v);
    await page.waitForTimeout(400);
    await screenshot(page, `${v}-dark`);
  }
  await page.click('[data-testid="theme-toggle"]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  assert.deepEqual(page.problems(), []);
});

test('every view at 1920×1080 and 1280×720 fits the width (screenshots)', async () => {
  for (const [width, height] of [[1920, 1080], [1280, 720]]) {
    const page = await openPage(app.browser, `${app.url}#data=demo`, { width, height });
    await page.waitForSelector('.kpis', { timeout: 90000 });
    for (const v of ['overview', 'funnel', 'leaderboard', 'clover', 'trends', 'data']) {
      await nav(page, v);
      await page.waitForTimeout(400);
      // Nothing pushes the page sideways (a wide table scrolls inside its own box).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${v} at ${width}×${height} is ${overflow}px too wide`);
      if (width === 1920) await screenshot(page, `${v}-1920`);
    }
    if (width === 1920) {
      await nav(page, 'trends');
      await page.waitForSelector('#chart-network canvas');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(ROOT, 'tests/e2e/artifacts/trends-1920-full.png'), fullPage: true });
    }
    assert.deepEqual(page.problems(), []);
  }
});

test('keyboard only: reach the demo, load it, move between views, with a visible focus ring', async () => {
  const page = await openPage(app.browser, app.url);
  await page.waitForSelector('[data-testid="demo-button"]');
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return { testid: el?.dataset?.testid || '', view: el?.dataset?.view || '', outline: el ? getComputedStyle(el).outlineStyle : 'none' };
  });
  let reached = null;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (f.testid === 'demo-button') reached = f;
  }
  assert.ok(reached, 'Tab reaches "Try the demo"');
  assert.notEqual(reached.outline, 'none', 'the focused button shows a focus ring');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.kpis', { timeout: 90000 });
  // From the top of the page, Tab reaches the navigation; Enter opens a view.
  await page.evaluate(() => document.activeElement?.blur());
  let onFunnel = false;
  for (let i = 0; i < 20 && !onFunnel; i++) {
    await page.keyboard.press('Tab');
    onFunnel = (await focused()).view === 'funnel';
  }
  assert.ok(onFunnel, 'Tab reaches the Funnel button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="funnel-stage"]');
  // Every filter is a labelled control reachable by Tab.
  const unlabelled = await page.$$eval('.filters input, .filters select', (els) => els.filter((e) => !e.closest('label') && !e.getAttribute('aria-label')).length);
  assert.equal(unlabelled, 0);
  assert.deepEqual(page.problems(), []);
});

test('present mode is the deck: a slide at a time, arrow keys move, Escape leaves', async () => {
  const page = await openPage(app.browser, `${app.url}#data=demo&view=overview`);
  await page.waitForSelector('.kpis', { timeout: 90000 });
  await page.click('[data-testid="present-button"]');
  await page.waitForSelector('[data-testid="slide"][data-index="0"]');
  assert.equal(await page.getAttribute('html', 'data-presenting'), 'true');
  assert.match(await page.textContent('[data-testid="slide-count"]'), /^1 \/ \d+$/);
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-testid="slide"][data-index="1"]');
  assert.match(await page.textContent('[data-testid="slide-count"]'), /^2 \/ /);
  assert.ok((await page.textContent('[data-testid="slide"] [data-testid="slide-title"]')).length > 10);
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('[data-testid="slide"][data-index="0"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="deck"]', { state: 'detached' });
  assert.equal(await page.getAttribute('html', 'data-presenting'), 'false');
  assert.ok(await page.isVisible('.kpis'));
  assert.deepEqual(page.problems(), []);
});

test('weights and targets are editable, change the numbers and travel in the link', async () => {
  const page = await openPage(app.browser, `${app.url}#data=demo&view=leaderboard`);
  await page.waitForSelector('[data-testid="leaderboard-row"]', { timeout: 90000 });
  const before = await page.getAttribute('[data-testid="leaderboard-row"]', 'data-score');
  await page.click('.editor summary');
  await page.fill('input[data-weight="Posts"]', '10');
  await page.dispatchEvent('input[data-weight="Posts"]', 'change');
  await page.waitForFunction((b) => document.querySelector('[data-testid="leaderboard-row"]').dataset.score !== b, before);
  await page.waitForFunction(() => location.hash.includes('w=10,2,1,2,1'));
  await nav(page, 'clover');
  const leaf = () => page.getAttribute('[data-testid="clover-leaf"][data-leaf="technology"]', 'data-score');
  const tech = await leaf();
  await page.click('details.editor:has(input[data-target]) summary');
  await page.fill('input[data-target="11"]', '100');
  await page.dispatchEvent('input[data-target="11"]', 'change');
  await page.waitForFunction(() => location.hash.includes('t='));
  // The habit target doubled (the demo's habit is below both): technology scores lower.
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid="clover-leaf"][data-leaf="technology"]').dataset.score) < Number(t), tech);
  const lowered = await leaf();
  const link = page.url();
  const again = await openPage(app.browser, link);
  await again.waitForSelector('[data-testid="clover-leaf"]', { timeout: 90000 });
  // The link carries the target: the editor shows it and the score is the lowered one.
  await again.click('details.editor:has(input[data-target]) summary');
  assert.equal(await again.inputValue('input[data-target="11"]'), '100');
  await again.waitForFunction((s) => document.querySelector('[data-testid="clover-leaf"][data-leaf="technology"]').dataset.score === s, lowered, { timeout: 30000 });
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(again.problems(), []);
});

test('the self-assessment blends with the data scores and is shown beside them', async () => {
  const page = await openPage(app.browser, `${app.url}#data=demo&view=clover`);
  await page.waitForSelector('[data-testid="clover-leaf"]', { timeout: 90000 });
  const overall = await page.getAttribute('[data-testid="clover-overall"]', 'data-score');
  await page.click('[data-testid="self-assessment"] summary');
  for (let i = 0; i < 12; i++) await page.selectOption(`select[data-vein="${i}"]`, '4');
  await page.waitForSelector('[data-testid="blended-overall"]');
  // The data's score is unchanged; the self-assessment (all 4 of 4 = 100) and the blend sit beside it.
  assert.equal(await page.getAttribute('[data-testid="clover-overall"]', 'data-score'), overall);
  const blended = Number(await page.textContent('[data-testid="blended-overall"]'));
  assert.ok(blended > Number(overall) && blended <= 100, `blend ${blended} vs data ${overall}`);
  await screenshot(page, 'clover-self-assessment');
  assert.deepEqual(page.problems(), []);
});

test('numbers stay on one line in tables, and the Overview does not link to itself', async () => {
  const page = await openPage(app.browser, `${app.url}#data=demo&view=overview`);
  await page.waitForSelector('[data-testid="insight"]', { timeout: 90000 });
  const links = await page.$$eval('[data-testid="insight"] button', (bs) => bs.map((b) => b.textContent));
  assert.ok(links.length > 0 && !links.some((t) => t.includes('Overview')), JSON.stringify(links));
  // How many lines each cell's text takes.
  const lines = (sel) => page.$$eval(sel, (els) => els.map((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
  }));
  await nav(page, 'funnel');
  await page.waitForSelector('.cohorts td');
  const cohorts = await lines('.cohorts th, .cohorts td');
  assert.ok(cohorts.length > 20 && cohorts.every((n) => n <= 1), `cohort cells on ${Math.max(...cohorts)} lines`);
  await nav(page, 'clover');
  await page.waitForSelector('[data-testid="clover-leaf"] td.num');
  const numbers = await lines('[data-testid="clover-leaf"] td.num');
  assert.ok(numbers.length >= 36 && numbers.every((n) => n <= 1), `indicator numbers on ${Math.max(...numbers)} lines`);
  assert.deepEqual(page.problems(), []);
});
