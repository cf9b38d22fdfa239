// `opsdeck probe prometheus+http://host:9090`: one read of a Prometheus source, printed as a
// targets and health summary (the hosts OpsDeck would show, up or down with the scrape error).
import fs from 'node:fs';
import { OpsError } from '../../shared/errors';
import { isLoopbackHost } from '../engine/collectors/http-config';
import { readFleet } from '../engine/collectors/prometheus';
import type { PrometheusEndpoint } from '../engine/transport/prometheus-http';

export interface PrometheusProbeReport {
  source: { kind: 'prometheus'; url: string };
  time: string;
  scrapeIntervalSeconds: number;
  targets: { total: number; up: number; down: number };
  hosts: Array<{ instance: string; job: string; name: string; up: boolean; lastError: string | null; cpuUsage: number | null; memUsed: number | null; diskUsed: number | null }>;
}

export async function probePrometheus(opts: { spec: string; user?: string; passwordFile?: string; tokenFile?: string; caFile?: string; timeoutMs: number }): Promise<PrometheusProbeReport> {
  const url = opts.spec.replace(/^prometheus\+/i, '');
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new OpsError('BAD_TARGET', `"${opts.spec}" is not a Prometheus address. Write prometheus+http://host:9090 or prometheus+https://host:9090.`, { target: opts.spec });
  const read = (file: string | undefined, what: string): string | undefined => {
    if (file === undefined) return undefined;
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      throw new OpsError('BAD_VALUE', `The ${what} file "${file}" cannot be read. Check the path and its permissions.`, { file });
    }
  };
  const token = read(opts.tokenFile, 'token');
  const password = read(opts.passwordFile, 'password');
  const ca = read(opts.caFile, 'CA');
  const endpoint: PrometheusEndpoint = token
    ? { baseUrl: url, auth: 'bearer', secret: token }
    : opts.user !== undefined
      ? { baseUrl: url, auth: 'basic', user: opts.user, secret: password ?? '' }
      : { baseUrl: url, auth: 'none' };
  if (ca) endpoint.ca = ca;
  const host = new URL(url).hostname;
  if (endpoint.auth !== 'none' && url.startsWith('http:') && !isLoopbackHost(host)) {
    throw new OpsError('BAD_FLAG', `A token or password goes only over https:// (or to this computer), not in the clear to ${host}. Use prometheus+https://.`, { flag: endpoint.auth === 'bearer' ? 'token-file' : 'password-file' });
  }
  const reading = await readFleet(endpoint, opts.timeoutMs, Date.now());
  const up = reading.targets.filter((t) => t.health === 'up').length;
  return {
    source: { kind: 'prometheus', url },
    time: new Date(reading.ts).toISOString(),
    scrapeIntervalSeconds: reading.scrapeIntervalMs / 1000,
    targets: { total: reading.targets.length, up, down: reading.targets.length - up },
    hosts: reading.members.map((m) => ({
      instance: m.instance,
      job: m.job,
      name: m.facts.hostname || m.instance,
      up: m.up,
      lastError: m.lastError,
      cpuUsage: m.metrics['cpu.usage'],
      memUsed: m.metrics['mem.used'],
      diskUsed: m.metrics['disk.used'],
    })),
  };
}

const pct = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)} %`);

export function formatPrometheusProbeText(r: PrometheusProbeReport): string {
  const lines = [`Prometheus ${r.source.url} at ${r.time}: ${r.targets.up} of ${r.targets.total} targets up, scrape every ${r.scrapeIntervalSeconds} s`];
  for (const h of r.hosts) lines.push(h.up ? `  ${h.name} (${h.instance}): CPU ${pct(h.cpuUsage)}, memory ${pct(h.memUsed)}, disk ${pct(h.diskUsed)}` : `  ${h.name} (${h.instance}): DOWN: ${h.lastError ?? 'no reason given'}`);
  return lines.join('\n');
}
