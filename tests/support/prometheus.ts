// A real Prometheus (Debian's prometheus) scraping a real node_exporter (prometheus-node-exporter)
// on 127.0.0.1, each on a free port from the OS, with a temp config and data folder and a 1 s
// scrape interval. start() resolves once the first scrapes have landed (up == 1 and enough
// samples for rate() over four scrapes); stop() ends both and removes the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isGone } from './sshd';

export const PROMETHEUS_BIN = process.env.OPSDECK_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const NODE_EXPORTER_BIN = process.env.OPSDECK_NODE_EXPORTER_BIN ?? '/usr/bin/prometheus-node-exporter';

export interface PrometheusStack {
  url: string;
  prometheusPort: number;
  exporterPort: number;
  /** node_exporter's `instance` label as Prometheus sees it. */
  instance: string;
  dir: string;
  /** Milliseconds from spawning both to the first usable reading. */
  readyMs: number;
  /** An instant query's result (for tests that compare against Prometheus directly). */
  query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  scrapeIntervalS?: number;
  /** Extra static targets in the node job that nobody listens on (they are down). */
  deadTargets?: string[];
  /** Web config (basic auth) as Prometheus's --web.config.file takes it. */
  webConfig?: string;
  /** An alerting rule file (Prometheus's rule_files YAML), evaluated every scrape interval. */
  alertRules?: string;
}

/**
 * Two rules Prometheus raises at once: one always firing with a Korean summary (critical), and
 * one that holds on every up target but waits an hour, so it stays pending (warning, per instance).
 */
export const TEST_ALERT_RULES = `groups:
  - name: opsdeck-test
    rules:
      - alert: OpsDeckAlwaysFiring
        expr: vector(1) > 0
        labels:
          severity: critical
        annotations:
          summary: 디스크 교체 필요 (시험용 경보)
      - alert: NodeUpForAnHour
        expr: up{job="node"} == 1
        for: 1h
        labels:
          severity: warning
        annotations:
          description: "{{ $labels.instance }} has answered for an hour"
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  child.kill('SIGTERM');
  for (let i = 0; i < 50 && !isGone(child.pid); i++) await sleep(100);
  if (!isGone(child.pid)) child.kill('SIGKILL');
}

export async function startPrometheus(opts: PrometheusOptions = {}): Promise<PrometheusStack> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-prom-'));
  const [prometheusPort, exporterPort] = [await freePort(), await freePort()];
  const instance = `127.0.0.1:${exporterPort}`;
  const interval = `${opts.scrapeIntervalS ?? 1}s`;
  const targets = [instance, ...(opts.deadTargets ?? [])].map((t) => `'${t}'`).join(', ');
  if (opts.alertRules) fs.writeFileSync(path.join(dir, 'rules.yml'), opts.alertRules);
  const ruleFiles = opts.alertRules ? `rule_files:\n  - ${path.join(dir, 'rules.yml')}\n` : '';
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: ${interval}\n  evaluation_interval: ${interval}\n${ruleFiles}scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: [${targets}]\n`,
  );
  const exporterLog = fs.openSync(path.join(dir, 'node-exporter.log'), 'a');
  const exporter = spawn(NODE_EXPORTER_BIN, [`--web.listen-address=127.0.0.1:${exporterPort}`, '--collector.disable-defaults', '--collector.cpu', '--collector.meminfo', '--collector.loadavg', '--collector.diskstats', '--collector.netdev', '--collector.filesystem', '--collector.uname', '--collector.os', '--collector.stat'], { stdio: ['ignore', exporterLog, exporterLog] });
  const args = [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${prometheusPort}`, '--log.level=warn'];
  if (opts.webConfig) {
    fs.writeFileSync(path.join(dir, 'web.yml'), opts.webConfig);
    args.push(`--web.config.file=${path.join(dir, 'web.yml')}`);
  }
  const promLog = fs.openSync(path.join(dir, 'prometheus.log'), 'a');
  const prometheus = spawn(PROMETHEUS_BIN, args, { stdio: ['ignore', promLog, promLog] });
  const url = `http://127.0.0.1:${prometheusPort}`;
  const auth = opts.webConfig ? { authorization: `Basic ${Buffer.from('ops:secret-pw').toString('base64')}` } : undefined;

  const stop = async () => {
    await Promise.all([stopChild(prometheus), stopChild(exporter)]);
    fs.closeSync(exporterLog);
    fs.closeSync(promLog);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const query = async (expr: string) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`, { headers: auth });
    const body = (await res.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    return body.data.result;
  };
  try {
    // Ready once rate() over four scrapes has an answer for node_exporter's CPU counters.
    const until = Date.now() + 60_000;
    for (;;) {
      if (prometheus.exitCode !== null || exporter.exitCode !== null) throw new Error(`prometheus or node_exporter exited: ${fs.readFileSync(path.join(dir, 'prometheus.log'), 'utf8').slice(-2000)}`);
      const ready = await query(`rate(node_cpu_seconds_total{instance="${instance}",mode="idle"}[${4 * (opts.scrapeIntervalS ?? 1)}s])`).then((r) => r.length > 0, () => false);
      if (ready) break;
      if (Date.now() > until) throw new Error('Prometheus has no node_exporter samples after 60 s');
      await sleep(300);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, prometheusPort, exporterPort, instance, dir, readyMs: Date.now() - started, query, stop };
}
