// (c) of ./dev bench: DuckDB-WASM reads the extracted Slack export and computes weekly active
// people and a top-50 leaderboard.
//
// Offline, DuckDB's read_json cannot run here: @duckdb/duckdb-wasm 1.32.0 (DuckDB 1.4.3) does not
// link the json extension into its bundles (duckdb_extensions() says NOT_INSTALLED) and would
// download it from DuckDB's extension site at run time. Autoinstall and autoload are switched
// off, the failure is recorded, and DuckDB reads the files with duckdb-wasm's own built-in JSON
// import instead (insertJSONFromPath: Arrow's JSON reader, no extension needed). That import
// takes one file per call and costs a round trip and a table each time (~4 ms a file here,
// over two minutes for 33,000 day files), so the day files' arrays are first joined, byte for
// byte, into one JSON array: the fastest offline route we found, so the comparison favours
// DuckDB. The joining is timed too.
//
// Untimed: starting DuckDB (its wasm is ~35 MB) and fetching the files' bytes. Timed: joining,
// registering the bytes with DuckDB, importing them into tables, and both results.
import { fetchAll, status } from './common.mjs';

// What is computed, in SQL (docs/performance.md repeats it):
// - raw: every message object of every conversation-day file (users: users.json).
// - msgs: one row per (ts, user): Clover keeps a message once. (Clover's key is the conversation
//   and ts; the joined array no longer knows the conversation. In the demo export no two
//   messages share a (ts, user), and none share a (conversation, ts) either.)
// - human messages: type 'message', no bot_id, subtype none or one a person writes
//   (thread_broadcast, file_share, me_message), by a user that users.json does not mark as a
//   bot or app: Clover's posts + replies.
// - weekly active people: distinct users with a human message per ISO week (Monday start, UTC).
// - leaderboard: per person, human messages + reactions given (each user in reactions[].users
//   on any kept message, people only); top 50 by that total, ties by user id.
const SQL = {
  settings: [
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
  ],
  readJsonProbe: "SELECT count(*) FROM read_json('users.json')",
  users: `CREATE TABLE users AS
    SELECT id, coalesce(is_bot, false) OR coalesce(is_app_user, false) OR id = 'USLACKBOT' AS bot FROM users_raw`,
  msgs: `CREATE TABLE msgs AS
    SELECT DISTINCT ON (ts, "user") "user", subtype, bot_id, ts, thread_ts, reactions
    FROM raw WHERE type = 'message'`,
  human: `CREATE TABLE human AS
    SELECT m."user", epoch_ms(CAST(CAST(m.ts AS DOUBLE) * 1000 AS BIGINT)) AS t, m.ts, m.thread_ts
    FROM msgs m JOIN users u ON u.id = m."user"
    WHERE NOT u.bot AND m.bot_id IS NULL
      AND (m.subtype IS NULL OR m.subtype IN ('thread_broadcast', 'file_share', 'me_message'))`,
  weekly: `SELECT date_trunc('week', t) AS week, count(DISTINCT "user") AS active
    FROM human GROUP BY week ORDER BY week`,
  leaderboard: `WITH given AS (
      SELECT g AS "user", count(*) AS n
      FROM (SELECT unnest(r.users) AS g FROM (SELECT unnest(reactions) AS r FROM msgs WHERE reactions IS NOT NULL))
      JOIN users u ON u.id = g WHERE NOT u.bot GROUP BY g),
    written AS (SELECT "user", count(*) AS n FROM human GROUP BY "user")
    SELECT coalesce(w."user", g."user") AS "user", coalesce(w.n, 0) AS messages, coalesce(g.n, 0) AS reactions_given,
      coalesce(w.n, 0) + coalesce(g.n, 0) AS total
    FROM written w FULL OUTER JOIN given g ON g."user" = w."user"
    ORDER BY total DESC, "user" LIMIT 50`,
};

// The columns the import reads, with their types (given with a shape, only these are read).
// Left to infer them, Arrow's JSON reader failed on the full export ("Invalid field 'username'.
// couldn't parse timestamp from Birthday Bot").
const utf8 = (name) => ({ name, sqlType: 'utf8' });
const MESSAGE_COLUMNS = [
  utf8('type'), utf8('subtype'), utf8('user'), utf8('bot_id'), utf8('ts'), utf8('thread_ts'),
  { name: 'reactions', sqlType: 'list', valueType: { sqlType: 'struct', fields: [
    utf8('name'), { name: 'users', sqlType: 'list', valueType: { sqlType: 'utf8' } }, { name: 'count', sqlType: 'float64' }] } },
];

const USER_COLUMNS = [utf8('id'), { name: 'is_bot', sqlType: 'bool' }, { name: 'is_app_user', sqlType: 'bool' }];

/** Joins JSON arrays (each file `[ {...}, ... ]`) into one array, byte for byte. */
function joinArrays(buffers) {
  const parts = [];
  let total = 2;
  for (const buf of buffers) {
    const b = new Uint8Array(buf);
    let s = 0;
    let e = b.length;
    while (s < e && b[s] !== 0x5b) s++; // [
    while (e > s && b[e - 1] !== 0x5d) e--; // ]
    if (e - s < 2) continue;
    const inner = b.subarray(s + 1, e - 1);
    let blank = true;
    for (let i = 0; i < inner.length && blank; i++) blank = inner[i] <= 0x20;
    if (blank) continue;
    parts.push(inner);
    total += inner.length + 1;
  }
  const out = new Uint8Array(total);
  let o = 0;
  out[o++] = 0x5b;
  parts.forEach((p, i) => {
    if (i) out[o++] = 0x2c; // ,
    out.set(p, o);
    o += p.length;
  });
  out[o++] = 0x5d;
  return out.subarray(0, o);
}

window.benchDuckdb = async ({ pack, files, module, bundles }) => {
  const steps = {};
  const lap = (name, since) => { steps[name] = performance.now() - since; return performance.now(); };
  status('starting duckdb');
  let t = performance.now();
  const duckdb = await import(module);
  const bundle = await duckdb.selectBundle(bundles);
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  for (const s of SQL.settings) await conn.query(s);
  const version = (await conn.query('SELECT version() AS v')).toArray()[0].v;
  const extensions = (await conn.query("SELECT extension_name, loaded, installed FROM duckdb_extensions() WHERE loaded OR installed")).toArray()
    .map((r) => `${r.extension_name}${r.loaded ? '' : ' (installed, not loaded)'}`);
  t = lap('start', t);

  status('fetching');
  const { buffers, bytes } = await fetchAll(pack, files);
  const names = files.map((f) => f.name);
  t = lap('fetch', t);

  // Untimed: read_json, to record why it is not used (no json extension offline).
  await db.registerFileBuffer('users.json', new Uint8Array(buffers[names.indexOf('users.json')].slice(0)));
  let readJson = 'works';
  try {
    await conn.query(SQL.readJsonProbe);
  } catch (e) {
    readJson = String(e.message || e).split('\n')[0];
  }
  await db.dropFile('users.json');

  status('timed');
  const start = performance.now();
  const day = [];
  let usersBuf = null;
  names.forEach((n, i) => {
    if (n.includes('/')) day.push(buffers[i]);
    else if (n === 'users.json') usersBuf = buffers[i];
  });
  const joined = joinArrays(day);
  const joinedBytes = joined.length;
  t = lap('join', start);
  await db.registerFileBuffer('messages.json', joined);
  await db.registerFileBuffer('users.json', new Uint8Array(usersBuf));
  t = lap('register', t);
  await conn.insertJSONFromPath('messages.json', { name: 'raw', shape: 'row-array', columnsFlat: MESSAGE_COLUMNS });
  await conn.insertJSONFromPath('users.json', { name: 'users_raw', shape: 'row-array', columnsFlat: USER_COLUMNS });
  t = lap('import', t);
  await conn.query(SQL.users);
  await conn.query(SQL.msgs);
  await conn.query(SQL.human);
  t = lap('model', t);
  const weekly = (await conn.query(SQL.weekly)).toArray();
  t = lap('weekly', t);
  const leaderboard = (await conn.query(SQL.leaderboard)).toArray();
  t = lap('leaderboard', t);
  const totalMs = performance.now() - start;

  // Untimed checks: the counts can be compared with Clover's load summary.
  const one = async (sql) => Object.values((await conn.query(sql)).toArray()[0].toJSON())[0];
  const counts = {
    rows: await one('SELECT count(*) FROM raw'),
    messages: await one('SELECT count(*) FROM msgs'),
    human: await one('SELECT count(*) FROM human'),
    replies: await one('SELECT count(*) FROM human WHERE thread_ts IS NOT NULL AND thread_ts <> ts'),
    weeks: weekly.length,
  };
  // DuckDB's own account of the memory its tables and buffers hold (not the wasm memory's size).
  const memoryBytes = await one('SELECT sum(memory_usage_bytes)::DOUBLE FROM duckdb_memory()').catch(() => null);
  const rawColumns = (await conn.query('DESCRIBE raw')).toArray().map((r) => `${r.column_name} ${r.column_type}`);
  status('done');
  const top = leaderboard.slice(0, 3).map((r) => r.toJSON());
  const peakWeek = weekly.reduce((a, r) => (r.active > a.active ? r.toJSON() : a), { active: 0 });
  await conn.close();
  await db.terminate();
  return { version, extensions, readJson, joinedBytes, rawColumns, bundle: bundle.mainModule, steps, totalMs, bytes, files: files.length, counts, top, peakWeek: { week: String(new Date(Number(peakWeek.week)).toISOString().slice(0, 10)), active: peakWeek.active }, memoryBytes };
};
