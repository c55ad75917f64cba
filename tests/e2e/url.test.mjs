// Load from URL: an export hosted elsewhere (here another 127.0.0.1 port) loads with one
// click or from a shared #data=<url> link; a host that forbids cross-site reads and a
// missing file get plain explanations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, launch, openPage, SAMPLES } from './harness.mjs';
import { cliImport, nav, readLoadSummary } from './app.mjs';

let app;
let open;
let closed;
let browser;
const SAMPLE = 'mattermost/zulip-mattermost_fixtures/export.json';
before(async () => {
  app = await serve();
  open = await serve(SAMPLES, '/', { cors: true });
  closed = await serve(SAMPLES, '/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of [app, open, closed]) await s?.close();
});

async function summary(page) {
  await page.waitForSelector('.filters', { timeout: 60000 });
  await nav(page, 'data');
  await page.waitForSelector('[data-testid="load-summary"]');
  const { people, posts } = await readLoadSummary(page);
  return { people, posts };
}

test('an export loads from its address, and the page link brings it back', async () => {
  const expected = cliImport([join(SAMPLES, SAMPLE)]);
  const url = open.url + SAMPLE.split('/').map(encodeURIComponent).join('/');
  const page = await openPage(browser, app.url);
  await page.fill('[data-testid="url-input"]', url);
  await page.click('[data-testid="url-button"]');
  assert.deepEqual(await summary(page), { people: expected.people, posts: expected.posts });
  assert.ok(page.url().includes('data='), page.url());
  const again = await openPage(browser, page.url());
  assert.deepEqual(await summary(again), { people: expected.people, posts: expected.posts });
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(again.problems(), []);
});

test('a host without CORS and a missing file are explained', async () => {
  const page = await openPage(browser, app.url);
  await page.fill('[data-testid="url-input"]', closed.url + SAMPLE);
  await page.click('[data-testid="url-button"]');
  await page.waitForSelector('[data-testid="url-error"]');
  assert.match(await page.textContent('[data-testid="url-error"]'), /does not allow other sites to read the file/);
  await page.fill('[data-testid="url-input"]', open.url + 'no/such/file.json');
  await page.click('[data-testid="url-button"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="url-error"]')?.textContent.includes('404'));
  // The browser itself reports the refused and the missing request in the console; nothing else may.
  const others = page.problems().filter((p) => !/CORS|Access-Control|Failed to load resource|request failed/.test(p));
  assert.deepEqual(others, []);
});
