// The WebSocket bridge of a running `opsdeck serve`, spoken to as the browser does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENT_CHANNELS, METHOD_CHANNELS, METHOD_NAMES, type RpcResult } from '../../src/shared/api';
import type { WsServerFrame } from '../../src/shared/ws-protocol';
import { startServe, type ServeHandle } from '../support/serve-process';
import { INCIDENT_ARGS } from '../support/incident-rpc-args';
import { CHANNELS_ARGS } from '../support/channels-rpc-args';
import { CHECKS_ARGS } from '../support/checks-rpc-args';
import { INVENTORY_ARGS } from '../support/inventory-rpc-args';
import { ALERTS_ARGS, ALERTS_EXPECTED_ERRORS } from '../support/alerts-rpc-args';
import { LOGS_ARGS, LOGS_EXPECTED_ERRORS } from '../support/logs-rpc-args';

let serve: ServeHandle;
beforeAll(async () => {
  serve = await startServe({ args: ['--interval', '1'] });
});
afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

function connect(headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(serve.wsUrl(), { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, arg?: unknown): Promise<RpcResult> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as WsServerFrame;
      if (frame.kind === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, arg }));
  });
}

const ORG_TERM = {
  id: 'bridge-test-term',
  category: 'opsdeck',
  term: { ko: '브리지 시험 용어', en: 'Bridge test term' },
  definition: { ko: '연결 시험에 쓰는 용어입니다.', en: 'A term used to test the bridge.' },
  whyItMatters: { ko: '모든 메서드가 응답하는지 확인합니다.', en: 'It checks that every method answers.' },
  related: ['latency'],
  appearsIn: ['glossary'],
  source: { title: 'OpsDeck tests', url: 'https://example.com/opsdeck' },
};

// Methods run in contract order, so the term saved here is the one deleted next.
const ARGS: Record<string, unknown> = {
  getSnapshot: { targetId: 'local' },
  getSeries: { targetId: 'local', keys: ['cpu.usage'], range: '15m' },
  saveGlossaryEntry: ORG_TERM,
  deleteGlossaryEntry: { id: ORG_TERM.id },
  exportGlossary: { format: 'csv', scope: 'org' },
  importGlossary: { format: 'json', content: JSON.stringify({ entries: [ORG_TERM] }) },
  ...INCIDENT_ARGS,
  ...INVENTORY_ARGS,
  ...CHECKS_ARGS,
  ...ALERTS_ARGS,
  ...CHANNELS_ARGS,
  ...LOGS_ARGS,
};
const EXPECTED_ERRORS: Record<string, string> = { ...ALERTS_EXPECTED_ERRORS, ...LOGS_EXPECTED_ERRORS };

describe('opsdeck serve', () => {
  it('serves the console page with its CSP', async () => {
    const res = await fetch(serve.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<div id="root"');
  });

  it('answers every method of the contract over the socket', async () => {
    const ws = await connect();
    let id = 1;
    // The incident the later calls read is created first (INC-0001 in this fresh data folder).
    for (const method of ['createIncident' as const, ...METHOD_NAMES.filter((m) => m !== 'createIncident')]) {
      const r = await call(ws, id++, METHOD_CHANNELS[method], ARGS[method]);
      const expected = EXPECTED_ERRORS[method];
      if (expected) expect(r, method).toMatchObject({ ok: false, error: { code: expected } });
      else expect(r.ok, `${method}: ${JSON.stringify(r)}`).toBe(true);
    }
    ws.close();
  });

  it('accepts a glossary import close to the 5 MB limit in one frame', async () => {
    const ws = await connect();
    const padding = ' '.repeat(4.5 * 1024 * 1024);
    const r = await call(ws, 1, METHOD_CHANNELS.importGlossary, { format: 'json', content: `[${padding}]` });
    expect(r).toEqual({ ok: true, value: { added: 0, updated: 0, unchanged: 0, rejected: [] } });
    ws.close();
  });

  it('pushes live samples as events', async () => {
    const ws = await connect();
    const frame = await new Promise<WsServerFrame>((resolve) => ws.on('message', (d) => resolve(JSON.parse(String(d)))));
    expect(frame).toMatchObject({ kind: 'event', channel: EVENT_CHANNELS.onDidSample });
    ws.close();
  });

  it('rejects bad arguments with INVALID_ARGUMENT and keeps serving', async () => {
    const ws = await connect();
    expect(await call(ws, 1, METHOD_CHANNELS.getSeries, { targetId: 'local', keys: ['x'], range: '1h' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await call(ws, 2, METHOD_CHANNELS.getSnapshot, { targetId: 'ghost' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TARGET' } });
    expect((await call(ws, 3, METHOD_CHANNELS.listTargets)).ok).toBe(true);
    ws.close();
  });

  it('closes a socket that sends garbage, without harming the engine', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
    const again = await connect();
    expect((await call(again, 1, METHOD_CHANNELS.getOverview)).ok).toBe(true);
    again.close();
  });

  it('refuses a socket opened by another web site', async () => {
    await expect(connect({ Origin: 'https://evil.example' })).rejects.toThrow(/401|403|Unexpected server response/);
  });
});
