import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../src/renderer/src/store';
import { createFrameBatch, type NextFrame } from '../../../../src/renderer/src/store/frame-batch';
import { createFakeApi, flush } from '../support/fake-api';
import { makeSnapshot, makeTile } from '../support/snapshots';

/** A frame clock the test advances by hand. */
function manualFrames(): { nextFrame: NextFrame; frame(): void; pending(): number } {
  let callbacks: Array<() => void> = [];
  return {
    nextFrame: (cb) => {
      callbacks.push(cb);
      return () => (callbacks = callbacks.filter((c) => c !== cb));
    },
    frame() {
      const due = callbacks;
      callbacks = [];
      for (const cb of due) cb();
    },
    pending: () => callbacks.length,
  };
}

describe('frame batch', () => {
  it('hands every item over once, in order, at the next frame', () => {
    const frames = manualFrames();
    const applied: number[][] = [];
    const batch = createFrameBatch<number>((items) => applied.push(items), frames.nextFrame);
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(frames.pending()).toBe(1);
    expect(applied).toEqual([]);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3]]);
    batch.push(4);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3], [4]]);
  });

  it('drops queued items when cancelled', () => {
    const frames = manualFrames();
    const applied: number[][] = [];
    const batch = createFrameBatch<number>((items) => applied.push(items), frames.nextFrame);
    batch.push(1);
    batch.cancel();
    frames.frame();
    expect(applied).toEqual([]);
    batch.push(2);
    frames.frame();
    expect(applied).toEqual([[2]]);
  });
});

describe('samples from the engine', () => {
  it('fold into the tiles once per frame, each sample appended to the sparklines', async () => {
    const frames = manualFrames();
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('a', 'ok'), makeTile('b', 'ok')];
    const store = createAppStore(api, { nextFrame: frames.nextFrame });
    store.getState().start();
    await flush();
    const updates: unknown[] = [];
    store.subscribe((s) => updates.push(s.tiles));
    const before = store.getState().tiles.a!.sparklines['cpu.usage']!.length;
    api.emitSample(makeSnapshot('a', { metrics: { ...makeSnapshot('a').metrics, 'cpu.usage': 1 } }));
    api.emitSample(makeSnapshot('a', { metrics: { ...makeSnapshot('a').metrics, 'cpu.usage': 2 } }));
    api.emitSample(makeSnapshot('b', { status: 'crit' }));
    expect(updates).toHaveLength(0);
    frames.frame();
    expect(updates).toHaveLength(1);
    const a = store.getState().tiles.a!;
    expect(a.sparklines['cpu.usage']!.slice(before)).toEqual([1, 2]);
    expect(store.getState().tileOrder).toEqual(['b', 'a']);
  });

  it('keep the tile order array and untouched tiles as they were when no status changed', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('a', 'ok'), makeTile('b', 'ok')];
    const store = createAppStore(api);
    await store.getState().loadOverview();
    const { tileOrder, tiles } = store.getState();
    store.getState().applySamples([makeSnapshot('a')]);
    expect(store.getState().tileOrder).toBe(tileOrder);
    expect(store.getState().tiles.b).toBe(tiles.b);
    expect(store.getState().tiles.a).not.toBe(tiles.a);
  });
});
