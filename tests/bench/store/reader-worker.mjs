// bench:store's reader: its own connection querying charts the whole time part A writes, so
// checkpoints must happen while a reader is active, as with a chart open during polling.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, timeout: 5000 });
const q = db.prepare('SELECT ts, value FROM samples WHERE series_id = ? AND ts >= ? ORDER BY ts').raw();
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
  q.all((i++ % (workerData.hosts * 20)) + 1, 0);
  times.push(performance.now() - t0);
  setTimeout(loop, 5);
};
loop();
