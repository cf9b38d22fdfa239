// How `opsdeck serve` starts: the port opens first (a browser can load the page while the engine
// opens its store), the page carries the first numbers, and an engine that cannot start still
// ends the command with its error and a non-zero exit.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_DATA_ELEMENT_ID, parseBootData } from '../../src/shared/boot-data';
import { DB_FILE_NAME, LATEST_SCHEMA_VERSION } from '../../src/main/engine/store';
import { cliPath, startServe, tempDataDir, type ServeHandle } from '../support/serve-process';

const run = promisify(execFile);

describe('opsdeck serve start', () => {
  let serve: ServeHandle;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
  });

  it('sends the page with this computer already on it, and never from a cache', async () => {
    const res = await fetch(serve.url);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const block = new RegExp(`<script type="application/json" id="${BOOT_DATA_ELEMENT_ID}">(.*?)</script>`).exec(html);
    const boot = parseBootData(block?.[1]);
    expect(boot?.appInfo.host).toBe('serve');
    expect(boot?.overview.find((t) => t.target.id === 'local')?.snapshot?.metrics['mem.used']).toBeGreaterThan(0);
  });

  it('keeps every feature call working when the socket asks before anything else is loaded', async () => {
    const ws = new WebSocket(serve.wsUrl());
    await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
    const answer = new Promise<{ id: number; result: { ok: boolean } }>((resolve) => (ws.onmessage = (e) => {
      const frame = JSON.parse(String(e.data));
      if (frame.kind === 'result') resolve(frame);
    }));
    ws.send(JSON.stringify({ id: 1, channel: 'opsdeck:list-incidents' }));
    expect(await answer).toMatchObject({ id: 1, result: { ok: true } });
    ws.close();
  });
});

it('exits 1 with STORE_FAILED when the database is from a newer OpsDeck, even though the port was open', async () => {
  const dataDir = tempDataDir();
  const future = new Database(path.join(dataDir, DB_FILE_NAME));
  future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  future.close();
  const failed = await run(process.execPath, [cliPath, 'serve', '--port', '0'], { env: { ...process.env, OPSDECK_DATA_DIR: dataDir }, timeout: 20_000 }).then(
    () => null,
    (err: { code: number; stderr: string }) => err,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toMatch(/^opsdeck: STORE_FAILED: .*newer version of OpsDeck/m);
});
