// Trunk post-build hook: allow Trunk's inline boot script (and nothing else inline) in the
// Content-Security-Policy by its SHA-256 hash. Trunk sets TRUNK_STAGING_DIR to the folder
// that becomes dist/. The CSP <meta> in index.html carries the placeholder 'trunk-inline'.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (!html.includes("'trunk-inline'")) {
  console.error("csp-hash: index.html has no 'trunk-inline' placeholder in its CSP");
  process.exit(1);
}
// Only inside the CSP <meta> itself.
html = html.replace(/(<meta http-equiv="Content-Security-Policy"[^>]*?)'trunk-inline'/, `$1${hashes.join(' ')}`);
writeFileSync(file, html);
console.log(`csp-hash: allowed ${hashes.length} inline script(s) by hash`);
