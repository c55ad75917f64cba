// (b) of ./dev bench: the floor. The files are fetched first (untimed); then the timed part is
// exactly `new TextDecoder().decode()` + `JSON.parse()` of every file, nothing else.
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
  status('done');
  return { fetchMs, parseMs, bytes, files: names.length, messages };
};
