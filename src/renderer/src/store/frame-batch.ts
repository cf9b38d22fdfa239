// Collects engine events and hands them over once per animation frame: 1,000 hosts at 5 s send
// 200 samples a second, and folding each into the store on its own re-ordered every tile each time.

/** Runs `cb` soon (at the next frame); returns a cancel function. */
export type NextFrame = (cb: () => void) => () => void;

/** Hidden pages get no animation frames: this timer flushes anyway, so the queue stays short. */
const HIDDEN_PAGE_FLUSH_MS = 250;

// The store is also type-checked by the Node project (tests), which has no DOM types.
const page = globalThis as unknown as { requestAnimationFrame?: (cb: () => void) => number; cancelAnimationFrame?: (id: number) => void };

/** True where animation frames exist (a page). */
export const hasAnimationFrames = (): boolean => typeof page.requestAnimationFrame === 'function';

/** The next animation frame, or a timer when the page gets none; whichever comes first. */
export const browserNextFrame: NextFrame = (cb) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    page.cancelAnimationFrame!(frame);
    clearTimeout(timer);
    cb();
  };
  const frame = page.requestAnimationFrame!(once);
  const timer = setTimeout(once, HIDDEN_PAGE_FLUSH_MS);
  return () => {
    done = true;
    page.cancelAnimationFrame!(frame);
    clearTimeout(timer);
  };
};

/** Where there are no frames (tests, plain Node), events are applied at once. */
export const immediateFrame: NextFrame = (cb) => {
  cb();
  return () => undefined;
};

export interface FrameBatch<T> {
  push(item: T): void;
  /** Drops what is queued (the subscription ended). */
  cancel(): void;
}

export function createFrameBatch<T>(apply: (items: T[]) => void, nextFrame: NextFrame): FrameBatch<T> {
  let queue: T[] = [];
  let scheduled = false;
  let cancelFrame: () => void = () => undefined;
  const flush = () => {
    scheduled = false;
    const items = queue;
    queue = [];
    if (items.length > 0) apply(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (scheduled) return;
      scheduled = true;
      cancelFrame = nextFrame(flush);
    },
    cancel() {
      cancelFrame();
      scheduled = false;
      queue = [];
    },
  };
}
