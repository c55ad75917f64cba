// Shared by the bench pages. The driver serves the extracted files as one pack (the files'
// bytes one after another, tools/bench.mjs) because 30,000 separate requests through the
// recording harness took minutes; the pack is fetched once and cut back into one ArrayBuffer
// per file, as if each had been fetched on its own. None of this is timed.
export async function fetchAll(pack, files) {
  const res = await fetch(pack);
  if (!res.ok) throw new Error(`fetch ${pack}: ${res.status}`);
  const all = await res.arrayBuffer();
  const buffers = new Array(files.length);
  let offset = 0;
  for (let i = 0; i < files.length; i++) {
    buffers[i] = all.slice(offset, offset + files[i].size);
    offset += files[i].size;
  }
  if (offset !== all.byteLength) throw new Error(`the pack has ${all.byteLength} bytes, the list ${offset}`);
  return { buffers, bytes: offset };
}

export function status(text) {
  document.getElementById('status').textContent = text;
}
