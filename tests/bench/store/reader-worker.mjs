// bench:store's reader: its own connection querying charts the whole time part A writes, so
// checkpoints must happen while a reader is active, as with a chart open during polling. Each
// query reads the newest 8 chunks (16 minutes) of one series, as the engine's 15-minute chart does.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const CHUNK_MS = 120_000;
const db = new Database(workerData.file, { readonly: true, timeout: 5000 });
const newest = db.prepare('SELECT max(start_ts) FROM sample_chunks').pluck();
const chunk = db.prepare('SELECT data FROM sample_chunks WHERE start_ts = ? AND series_id = ?').pluck();
const times = [];
let stop = false;
parentPort.on('message', () => (stop = true));
parentPort.postMessage('ready');
let i = 0;
const loop = () => {
  if (stop) {
    times.sort((a, b) => a - b);
    parentPort.postMessage({ count: times.length, p50: times[Math.floor(times.length / 2)] ?? 0, max: times.at(-1) ?? 0 });
    return;
  }
  const t0 = performance.now();
  const id = (i++ % (workerData.hosts * 20)) + 1;
  const last = newest.get() ?? 0;
  for (let k = 0; k < 8; k++) chunk.get(last - k * CHUNK_MS, id);
  times.push(performance.now() - t0);
  setTimeout(loop, 5);
};
loop();
