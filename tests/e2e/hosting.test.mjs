// Static hosting under a sub-path (docs/hosting.md): the release build made with
// `--public-url /clover/` works from http://host/clover/, demo included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { serve, launch, openPage, screenshot, DIST_SUBPATH } from './harness.mjs';
import { nav, loadDemo } from './app.mjs';

const DIR = DIST_SUBPATH;
let server;
let browser;
before(async () => {
  assert.ok(existsSync(DIR), 'dist-subpath/ is built by ./dev test');
  server = await serve(DIR, '/clover/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('served from /clover/, the app loads the demo and every request stays under it', async () => {
  const page = await openPage(browser, server.url);
  await loadDemo(page);
  await nav(page, 'clover');
  await page.waitForSelector('[data-testid="clover-leaf"]');
  const paths = page.requests().map((u) => new URL(u)).filter((u) => u.protocol.startsWith('http')).map((u) => u.pathname);
  assert.ok(paths.length >= 4);
  for (const p of paths) assert.ok(p.startsWith('/clover/'), `${p} is outside /clover/`);
  await screenshot(page, 'subpath-clover');
  assert.deepEqual(page.problems(), []);
});
