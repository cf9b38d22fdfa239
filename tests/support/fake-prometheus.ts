// A generated Prometheus HTTP API on 127.0.0.1 for fleets too large to run for real (5,000
// node_exporter targets): it answers exactly the endpoints OpsDeck's Prometheus source asks
// (targets, the one fleet instant query, alerts, buildinfo, query_range) with the shapes and
// sizes of Prometheus 2.42 (Debian 12's), and refuses any other query as Prometheus would.
// A test double of an external API at a scale we cannot run (issue 14 item 7 allows it).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { alertsAnswer, fakeFleet, fleetQueryChunks, rangeValues, targetsAnswer, type FakeNode, type FleetOptions } from './fake-prometheus-fleet';

export interface FakePrometheusStats {
  /** Requests answered, by path. */
  requests: Record<string, number>;
  /** Bytes of the last fleet query answer. */
  lastQueryBytes: number;
  /** Evaluation times (s) of every fleet query answered, in order. */
  queryTimes: number[];
}

export interface FakePrometheus {
  url: string;
  nodes: readonly FakeNode[];
  stats(): FakePrometheusStats;
  close(): Promise<void>;
}

export interface FakePrometheusOptions extends FleetOptions {
  /** The scrape interval the targets report ("15s"); OpsDeck derives its rate() window from it. */
  scrapeInterval?: string;
  clock?: () => number;
}

const BUILD_INFO = JSON.stringify({ status: 'success', data: { version: '2.42.0+ds', revision: '2.42.0+ds-5+deb12u1', branch: 'debian/sid', buildUser: 'team+pkg-go@tracker.debian.org', buildDate: '20260604-00:58:54', goVersion: 'go1.19.8' } });
const badData = (error: string) => JSON.stringify({ status: 'error', errorType: 'bad_data', error });

function send(res: http.ServerResponse, status: number, body: string | string[]): number {
  const chunks = typeof body === 'string' ? [body] : body;
  const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': length });
  for (const c of chunks) res.write(c);
  res.end();
  return length;
}

/** The opsdeck_key tags of the fleet query, or null when the query is not OpsDeck's fleet query. */
function fleetKeys(query: string): Set<string> | null {
  const keys = new Set([...query.matchAll(/"opsdeck_key", "([a-zA-Z0-9_.]+)"/g)].map((m) => m[1]!));
  return keys.size > 0 && query.includes('node_cpu_seconds_total') ? keys : null;
}

export async function startFakePrometheus(opts: FakePrometheusOptions): Promise<FakePrometheus> {
  const nodes = fakeFleet(opts);
  const byInstance = new Map(nodes.map((n) => [n.instance, n]));
  const clock = opts.clock ?? Date.now;
  const scrapeInterval = opts.scrapeInterval ?? '15s';
  const stats: FakePrometheusStats = { requests: {}, lastQueryBytes: 0, queryTimes: [] };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://prometheus');
    stats.requests[url.pathname] = (stats.requests[url.pathname] ?? 0) + 1;
    const param = (name: string) => url.searchParams.get(name);
    switch (url.pathname) {
      case '/api/v1/status/buildinfo':
        return void send(res, 200, BUILD_INFO);
      case '/api/v1/targets':
        return void send(res, 200, targetsAnswer(nodes, scrapeInterval, clock()));
      case '/api/v1/alerts':
        return void send(res, 200, alertsAnswer(nodes, clock()));
      case '/api/v1/query': {
        const keys = fleetKeys(param('query') ?? '');
        if (!keys) return void send(res, 400, badData('the fake Prometheus answers only OpsDeck\'s fleet query'));
        const t = param('time') === null ? clock() / 1000 : Number(param('time'));
        if (!Number.isFinite(t)) return void send(res, 400, badData(`invalid parameter "time": cannot parse "${param('time')}" to a valid timestamp`));
        stats.queryTimes.push(t);
        stats.lastQueryBytes = send(res, 200, fleetQueryChunks(nodes, keys, t));
        return;
      }
      case '/api/v1/query_range': {
        const query = param('query') ?? '';
        const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(param(k)));
        if (![start, end, step].every(Number.isFinite) || step! <= 0) return void send(res, 400, badData('invalid parameter "start", "end" or "step"'));
        if ((end! - start!) / step! > 11_000) return void send(res, 400, badData('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)'));
        const node = byInstance.get(/instance="([^"]+)"/.exec(query)?.[1] ?? '');
        const result = node && !node.down ? [{ metric: {}, values: rangeValues(node, query, start!, end!, step!) }] : [];
        return void send(res, 200, JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
      }
      default:
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('404 page not found\n');
    }
  });
  // Prometheus keeps idle connections; OpsDeck's client may reuse them.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    nodes,
    stats: () => ({ ...stats, requests: { ...stats.requests }, queryTimes: [...stats.queryTimes] }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
