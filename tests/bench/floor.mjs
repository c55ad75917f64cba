// (b) of ./dev bench: the floor. The files are fetched first (untimed); then the timed part is
// exactly `new TextDecoder().decode()` + `JSON.parse()` of every file, nothing else.
// (b') the stricter floor: every file's bytes joined (untimed) into one JSON array
// `[file1,file2,…]`, then one `TextDecoder.decode()` + one `JSON.parse()` of it (timed): what
// parsing the same JSON costs without any per-file overhead at all.
import { fetchAll, status } from './common.mjs';

window.benchFloor = async (pack, files) => {
  const names = files.map((f) => f.name);
  status('fetching');
  const t0 = performance.now();
  const { buffers, bytes } = await fetchAll(pack, files);
  const fetchMs = performance.now() - t0;
  status('parsing');
  const decoder = new TextDecoder();
  const parsed = new Array(buffers.length);
  const start = performance.now();
  for (let i = 0; i < buffers.length; i++) {
    parsed[i] = JSON.parse(decoder.decode(buffers[i]));
  }
  const parseMs = performance.now() - start;
  // Untimed: what was parsed, as a check that every file was read.
  let messages = 0;
  for (let i = 0; i < names.length; i++) {
    if (names[i].includes('/') && Array.isArray(parsed[i])) messages += parsed[i].length;
  }
  parsed.fill(null);
  status('joining');
  const joined = new Uint8Array(bytes + buffers.length + 1);
  let o = 0;
  joined[o++] = 0x5b; // [
  for (let i = 0; i < buffers.length; i++) {
    if (i) joined[o++] = 0x2c; // ,
    joined.set(new Uint8Array(buffers[i]), o);
    o += buffers[i].byteLength;
  }
  joined[o++] = 0x5d; // ]
  buffers.length = 0;
  status('parsing one string');
  const start1 = performance.now();
  const all = JSON.parse(decoder.decode(joined.subarray(0, o)));
  const oneParseMs = performance.now() - start1;
  const values = all.length;
  status('done');
  return { fetchMs, parseMs, oneParseMs, values, bytes, files: names.length, messages };
};
