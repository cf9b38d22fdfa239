import { describe, expect, it } from 'vitest';
import { EventGrouper, MAX_EVENT_LINES, type GroupedEvent } from '../../../../src/main/engine/parsers/log-events';
import { logLines } from './log-fixture';

function group(lines: string[]): GroupedEvent[] {
  const g = new EventGrouper();
  const out: GroupedEvent[] = [];
  for (const line of lines) out.push(...g.push(line).done);
  const last = g.flush();
  if (last) out.push(last);
  return out;
}

describe('EventGrouper on real traces', () => {
  it('keeps a java.util.logging SEVERE with its exception, frames and cause as one error event', () => {
    const events = group(logLines('java-jul-stacktrace.log'));
    expect(events.map((e) => [e.level, e.lines.length])).toEqual([
      ['error', 14], // header, SEVERE, exception, 8 frames, Caused by, 1 frame, "... 8 more" (the blank line after is dropped)
      ['warn', 2],
      ['info', 2],
      ['error', 2], // Exception in thread "main" ... and its frame
    ]);
    expect(events[0]!.lines[2]).toBe('java.lang.IllegalStateException: configuration could not be loaded');
    expect(events[0]!.lines.at(-1)).toBe('\t... 8 more');
  });

  it('keeps a Python logging.exception with a chained traceback as one error event', () => {
    const events = group(logLines('python-logging-traceback.log'));
    expect(events.map((e) => e.level)).toEqual(['error', 'warn']);
    expect(events[0]!.lines[0]).toContain('charge failed for order 4411');
    expect(events[0]!.lines).toContain("KeyError: 'total'");
    expect(events[0]!.lines.at(-1)).toBe('ValueError: order has no total');
  });

  it('keeps a Go panic and its goroutine dump as one fatal event between two log lines', () => {
    const events = group(logLines('go-panic.log'));
    expect(events.map((e) => [e.level, e.lines.length])).toEqual([
      ['unknown', 1],
      ['fatal', 11], // "panic:" reads as fatal: the process died
      ['unknown', 1],
    ]);
    expect(events[1]!.lines[0]).toMatch(/^panic: runtime error/);
    expect(events[1]!.lines.at(-1)).toBe('exit status 2');
  });

  it('reports the level of an event when it starts, and once more only when a level appears later', () => {
    const g = new EventGrouper();
    expect(g.push('Dec 06, 2026 9:41:46 PM Main main')).toMatchObject({ started: 'unknown', upgraded: null });
    expect(g.push('SEVERE: Order service failed to start')).toMatchObject({ started: null, upgraded: 'error' });
    expect(g.push('java.lang.IllegalStateException: x')).toMatchObject({ started: null, upgraded: null });
    expect(g.push('Traceback (most recent call last):')).toMatchObject({ started: null, upgraded: null });
  });

  it('does not let one event grow without bound', () => {
    const lines = ['ERROR boom', ...Array.from({ length: MAX_EVENT_LINES + 10 }, (_, i) => `\tat frame${i}`)];
    const events = group(lines);
    expect(events[0]!.lines).toHaveLength(MAX_EVENT_LINES);
    expect(events).toHaveLength(2);
  });
});
