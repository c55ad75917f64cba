// Shared end-to-end harness: serves the release build (dist/) on 127.0.0.1, optionally
// under a sub-path, and drives Debian's Chromium headless through playwright-core.
// Every page records its console errors, page errors and every request, so each test can
// assert that the console stayed clean and nothing left 127.0.0.1.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// The builds under test: ./dev test makes both. CLOVER_DIST and CLOVER_DIST_SUBPATH point the
// suite at other copies (e.g. a dist/ with one file swapped) without rebuilding the app.
export const DIST = resolve(process.env.CLOVER_DIST || join(ROOT, 'dist'));
export const DIST_SUBPATH = resolve(process.env.CLOVER_DIST_SUBPATH || join(ROOT, 'dist-subpath'));
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');
export const SAMPLES = resolve(ROOT, '../shared/samples');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.zip': 'application/zip',
};

/**
 * Serves `dir` at http://127.0.0.1:<port><base>. Returns { url, close }. With `cors`, lets
 * pages from other origins read the files (as a host of a shared export would).
 */
export async function serve(dir = DIST, base = '/', { cors = false } = {}) {
  const server = createServer(async (req, res) => {
    if (cors) res.setHeader('access-control-allow-origin', '*');
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(base)) {
        res.writeHead(404).end('not found');
        return;
      }
      let rel = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
      if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
      const file = join(dir, rel);
      if (!file.startsWith(dir)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((ok) => server.close(ok)) };
}

const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * What every test file of the app needs: `dist/` served and Chromium started before the file's
 * tests, both closed after them. Tests read `app.url` and `app.browser` (set once the `before`
 * hooks have run; a file's own `before` hooks, registered after this call, run after it).
 */
export function startApp() {
  const app = {
    server: null,
    browser: null,
    get url() {
      return this.server.url;
    },
  };
  before(async () => {
    app.server = await serve();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: LAUNCH_ARGS });
}

/**
 * A new page that records problems. `page.problems()` lists console errors, page errors,
 * failed requests and requests to any host but 127.0.0.1 (allowed: hosts in `allowHosts`).
 * `bypassCSP` lets a test inject a script of its own (axe-core) into the page; the app's
 * Content-Security-Policy stays as it is, and every other test runs under it.
 */
export async function openPage(browser, url, { width = 1280, height = 720, colorScheme = 'light', allowHosts = [], bypassCSP = false, phone = false, reducedMotion, initScript = null } = {}) {
  // `phone`: a touch screen with a mobile viewport (the page's meta viewport applies, and a
  // page wider than the screen is zoomed out to fit, as a phone does).
  const device = phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {};
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, bypassCSP, reducedMotion, ...device });
  // A script run in the page before its own (the bench's timers around the worker).
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const onConsole = (where) => (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${where}console ${m.type()}: ${m.text()}`);
  };
  page.on('console', onConsole(''));
  // The analysis worker's console counts too (a panic hook logs there).
  page.on('worker', (w) => w.on('console', onConsole('worker ')));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    requests.push(r.url());
    const u = new URL(r.url());
    const local = u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1';
    if (!local && !allowHosts.includes(u.hostname)) problems.push(`request left 127.0.0.1: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.problems = () => problems;
  page.requests = () => requests;
  await page.goto(url);
  return page;
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
