// Trunk post-build hook (one hook: Trunk starts a stage's hooks at once, and two editing
// index.html would race). Trunk sets TRUNK_STAGING_DIR to the folder that becomes dist/.
//
// 1. The analysis worker: Trunk never puts a content hash in a worker's file names, so a
//    browser could pair a cached old worker with a new page. Rename worker.js,
//    worker_bg.wasm and worker_loader.js with a hash of their content, fix the references
//    between them, and tell the page where the loader and the wasm are with
//    <meta name="worker-url"> and <meta name="worker-wasm">. The loader waits for the
//    message carrying the compiled module (`cloverModule`; the page compiles the wasm once for
//    every worker) and keeps any that come before it for the worker's own handler.
// 2. The first paint needs no wasm: index.html's static first screen paints, then the page's
//    wasm is fetched. Trunk preloads the wasm from <head> and starts it as soon as the
//    document is parsed, which can put its 1.2 MB download (and the app's re-render of the
//    same screen) ahead of the first paint on a slow device; Lighthouse then counts the
//    download in the largest contentful paint (3.6-3.8 s instead of 0.9 s, mobile). The boot
//    script waits for the first contentful paint (not in a hidden tab, which paints nothing).
// 3. The Content-Security-Policy: allow Trunk's inline boot script (and nothing else
//    inline) by its SHA-256 hash, in place of the 'trunk-inline' placeholder.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set');
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || '/').replace(/\/?$/, '/');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

// 1. Worker files.
const names = ['worker.js', 'worker_bg.wasm', 'worker_loader.js'];
if (names.every((n) => existsSync(join(dir, n)))) {
  const hash = createHash('sha256');
  for (const n of names) hash.update(readFileSync(join(dir, n)));
  const h = hash.digest('hex').slice(0, 16);
  const renamed = { 'worker_bg.wasm': `worker-${h}_bg.wasm`, 'worker.js': `worker-${h}.js`, 'worker_loader.js': `worker_loader-${h}.js` };
  let glue = readFileSync(join(dir, 'worker.js'), 'utf8');
  if (!glue.includes("'worker_bg.wasm'")) {
    console.error("post-build: worker.js does not name 'worker_bg.wasm' as expected; wasm-bindgen's output changed");
    process.exit(1);
  }
  glue = glue.replaceAll("'worker_bg.wasm'", `'${renamed['worker_bg.wasm']}'`);
  writeFileSync(join(dir, 'worker.js'), glue);
  const loader = readFileSync(join(dir, 'worker_loader.js'), 'utf8');
  if (!loader.includes('./worker.js')) {
    console.error("post-build: worker_loader.js does not import './worker.js' as expected; Trunk's shim changed");
    process.exit(1);
  }
  // Trunk's shim (import init, await init()) replaced: every worker is given the module the
  // page compiled once (a load's pool of import workers too), in a message of its own
  // ({ cloverModule }, undefined when it could not be compiled: then the worker fetches its
  // wasm itself); what comes before the worker's own handler listens is kept and handed to it,
  // in order.
  writeFileSync(join(dir, 'worker_loader.js'), `import init from './${renamed['worker.js']}';
let got = false;
let module;
let wake;
const early = [];
const keep = (e) => {
  const d = e.data;
  if (!got && d && typeof d === 'object' && 'cloverModule' in d) {
    got = true;
    module = d.cloverModule;
    if (wake) wake();
  } else early.push(e);
};
self.addEventListener('message', keep);
if (!got) await new Promise((go) => { wake = go; });
self.cloverModule = module;
await init(module instanceof WebAssembly.Module ? { module_or_path: module } : undefined);
self.removeEventListener('message', keep);
for (const e of early) self.dispatchEvent(new MessageEvent('message', { data: e.data }));
`);
  for (const [from, to] of Object.entries(renamed)) renameSync(join(dir, from), join(dir, to));
  html = html.replace('</head>', `<meta name="worker-url" content="${publicUrl}${renamed['worker_loader.js']}">\n<meta name="worker-wasm" content="${publicUrl}${renamed['worker_bg.wasm']}">\n</head>`);
  console.log(`post-build: worker files hashed (${h})`);
} else {
  console.error('post-build: the worker files are missing from the build');
  process.exit(1);
}

// 2. The page's wasm after the first paint.
const wasmPreload = /<link rel="preload" href="[^"]*clover-app-[0-9a-f]+_bg\.wasm"[^>]*>\s*/;
const bootInit = /const wasm = await init\(/;
if (!wasmPreload.test(html) || !bootInit.test(html)) {
  console.error("post-build: Trunk's wasm preload or boot script is not as expected; its output changed");
  process.exit(1);
}
html = html.replace(wasmPreload, '');
html = html.replace(
  bootInit,
  // After the first contentful paint is on screen (its entry comes once it is presented; a
  // frame's callback can come before that); at once in a hidden tab or without paint
  // timing; after 500 ms at the latest.
  `await new Promise((go) => {
  if (document.hidden || performance.getEntriesByName('first-contentful-paint').length) return go();
  let t;
  const o = new PerformanceObserver(() => { clearTimeout(t); o.disconnect(); go(); });
  try { o.observe({ type: 'paint' }); } catch { return go(); }
  t = setTimeout(() => { o.disconnect(); go(); }, 500);
});
$&`,
);
console.log('post-build: the page wasm loads after the first paint');

// 3. CSP hash of the inline boot script.
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (!html.includes("'trunk-inline'")) {
  console.error("post-build: index.html has no 'trunk-inline' placeholder in its CSP");
  process.exit(1);
}
// Only inside the CSP <meta> itself.
html = html.replace(/(<meta http-equiv="Content-Security-Policy"[^>]*?)'trunk-inline'/, `$1${hashes.join(' ')}`);
writeFileSync(file, html);
console.log(`post-build: allowed ${hashes.length} inline script(s) by hash`);
