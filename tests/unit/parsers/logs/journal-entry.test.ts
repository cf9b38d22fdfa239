import { describe, expect, it } from 'vitest';
import { isJournalCursor, parseJournalLine } from '../../../../src/main/engine/parsers/journal-entry';
import { logLines } from './log-fixture';

describe('parseJournalLine', () => {
  const [emerg, info, bytes] = logLines('journal.jsonl').map(parseJournalLine);

  it('reads the cursor, the time in ms, PRIORITY as the level, and the unit', () => {
    expect(emerg).toMatchObject({ level: 'error', unit: 'nginx.service', identifier: 'nginx', pid: 2104, ts: 1765058101124 });
    expect(emerg!.cursor).toMatch(/^s=6f3b/);
    expect(isJournalCursor(emerg!.cursor)).toBe(true);
    expect(info!.level).toBe('info');
  });

  it('decodes a MESSAGE sent as bytes, invalid ones as U+FFFD', () => {
    expect(bytes!.message).toBe('\u3002\uFFFDOK');
    expect(bytes!.level).toBe('warn');
  });

  it('refuses what is not an entry', () => {
    expect(parseJournalLine('-- No entries --')).toBeNull();
    expect(parseJournalLine('{"MESSAGE":"no cursor"}')).toBeNull();
    expect(parseJournalLine('{not json')).toBeNull();
    expect(isJournalCursor("s=1;i=2'; rm -rf /")).toBe(false);
  });
});
