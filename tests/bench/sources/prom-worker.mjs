// bench:sources' generated Prometheus API in its own process at nice 10, so the measured engine
// (nice 0) is served first on a busy machine; reports how many fleet queries it answered.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const eld = monitorEventLoopDelay({ resolution: 10 });
let prom = null;
if (process.send) process.on('disconnect', () => process.exit(0));
process.on('message', async (msg) => {
  if (msg.type === 'start') {
    os.setPriority(10);
    eld.enable();
    const P = await import(msg.piecesUrl);
    prom = await P.startFakePrometheus({ targets: msg.targets, scrapeInterval: `${msg.intervalMs / 1000}s` });
    process.send({ type: 'started', url: prom.url });
  } else if (msg.type === 'stats') {
    const s = prom.stats();
    const cpu = process.cpuUsage();
    process.send({ type: 'stats', queries: s.requests['/api/v1/query'] ?? 0, lastQueryBytes: s.lastQueryBytes, cpuMs: (cpu.user + cpu.system) / 1000, lagP99Ms: eld.percentile(99) / 1e6 - 10 });
  } else if (msg.type === 'stop') {
    await prom?.close();
    process.exit(0);
  }
});
