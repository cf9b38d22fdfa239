import { describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../src/shared/logs';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { createLogsModule, MAX_VIEWS_PER_SOURCE } from '../../../src/main/engine/logs/logs-module';
import type { StoredCheck } from '../../../src/main/engine/store/checks-table';
import type { LogEventsStore } from '../../../src/main/engine/store/log-events-table';
import { fakeProcess, type FakeProcess } from './fake-process';

const CHECK: StoredCheck = { id: 'c-logs', kind: 'journald', name: 'nginx', enabled: true, intervalMs: 60_000, parentId: 'h-1', config: { via: 'h-1', unit: 'nginx.service', priority: null }, createdAt: 0, updatedAt: 0 };
const tick = () => new Promise((r) => setImmediate(r));

function setup(check: StoredCheck | null = CHECK) {
  const clock = new FakeClock(1_765_000_000_000);
  const processes: FakeProcess[] = [];
  const batches: LogBatch[] = [];
  const deleted: string[] = [];
  const events = { append: () => undefined, query: () => [], deleteCheck: (id: string) => deleted.push(id), deleteOlder: () => 0 } as unknown as LogEventsStore;
  const logs = createLogsModule({
    clock,
    logger: nullLogger,
    emit: (b) => batches.push(b),
    getCheck: (id) => (check && id === check.id ? check : null),
    openProcess: async (_host, script) => {
      const p = fakeProcess(script);
      processes.push(p);
      return p;
    },
    events: () => events,
    leaseMs: 30_000,
  });
  return { clock, processes, batches, deleted, logs };
}

describe('the logs module', () => {
  it('closes a view, and its process on the server, when the screen stops renewing its lease', async () => {
    const { clock, processes, logs } = setup();
    const view = await logs.methods.openLogView({ checkId: CHECK.id });
    await tick();
    expect(view).toMatchObject({ checkId: CHECK.id, leaseMs: 30_000, file: null });
    expect(view.subscriptionId).toMatch(/^lv-[0-9a-f]{24}$/);
    clock.advance(20_000);
    await logs.methods.renewLogView({ subscriptionId: view.subscriptionId });
    clock.advance(20_000);
    expect(logs.openViews).toBe(1);
    expect(processes[0]!.closeCalls).toBe(0);
    clock.advance(10_001);
    await tick();
    expect(logs.openViews).toBe(0);
    expect(processes[0]!.closeCalls).toBe(1);
    await expect(logs.methods.renewLogView({ subscriptionId: view.subscriptionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Closing one already closed is not an error.
    await logs.methods.closeLogView({ subscriptionId: view.subscriptionId });
  });

  it('streams batches numbered per view', async () => {
    const { clock, processes, batches, logs } = setup();
    const view = await logs.methods.openLogView({ checkId: CHECK.id, lines: 5 });
    await tick();
    processes[0]!.write('J ok\n{"__CURSOR":"s=1;i=1","PRIORITY":"3","MESSAGE":"boom"}\n');
    await tick();
    clock.advance(100);
    const mine = batches.filter((b) => b.subscriptionId === view.subscriptionId);
    expect(mine.map((b) => b.batch)).toEqual(mine.map((_, i) => i + 1));
    expect(mine.flatMap((b) => b.items).find((i) => i.type === 'event')).toMatchObject({ level: 'error', text: 'boom' });
    expect(mine.at(-1)!.state).toBe('following');
  });

  it('refuses what is not a log source, and more views of one source than a server should carry', async () => {
    const { logs } = setup();
    await expect(logs.methods.openLogView({ checkId: 'c-other' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (let i = 0; i < MAX_VIEWS_PER_SOURCE; i++) await logs.methods.openLogView({ checkId: CHECK.id });
    await expect(logs.methods.openLogView({ checkId: CHECK.id })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const db = setup({ ...CHECK, id: 'c-db', kind: 'postgres' });
    await expect(db.logs.methods.openLogView({ checkId: 'c-db' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('ends the views of a source that is deleted and forgets its kept events', async () => {
    const { processes, deleted, logs } = setup();
    await logs.methods.openLogView({ checkId: CHECK.id });
    await tick();
    await logs.sourceRemoved(CHECK.id);
    expect(processes[0]!.closeCalls).toBe(1);
    expect(deleted).toEqual([CHECK.id]);
    expect(logs.openViews).toBe(0);
  });
});
