// A full disk under the data folder, made real with SQLite's own limit (max_page_count): the
// write fails with SQLITE_FULL, crosses the contract as a code, and the Korean UI says what to do.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../../src/renderer/src/i18n/catalogue';
import { describeError } from '../../../../src/renderer/src/i18n/describe';
import { toErrorPayload } from '../../../../src/shared/errors';

function fullDiskError(): unknown {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x TEXT)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  try {
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 10_000; i++) insert.run('x'.repeat(1000));
  } catch (err) {
    return err;
  } finally {
    db.close();
  }
  throw new Error('SQLite accepted every row: the page limit did not apply');
}

describe('a full disk', () => {
  it('reaches the Korean UI as a sentence that says to free space, not as an internal error', () => {
    const err = fullDiskError();
    expect((err as { code: string }).code).toBe('SQLITE_FULL');
    const payload = toErrorPayload(err);
    expect(payload).toMatchObject({ code: 'STORE_FAILED', data: { reason: 'full' } });
    const ko = describeError(createTranslate('ko'), payload, 'browser');
    expect(ko).toBe('데이터 폴더가 있는 디스크가 가득 차서 저장하지 못했습니다. 그 디스크에서 필요 없는 파일을 지워 공간을 만든 뒤 다시 시도하세요.');
    expect(describeError(createTranslate('en'), payload, 'browser')).toMatch(/disk holding the data folder is full.*Free some space/);
  });

  it('a library error without an OpsDeck code stays internal; a relayed payload keeps its code', () => {
    expect(toErrorPayload(Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' })).code).toBe('INTERNAL');
    expect(toErrorPayload({ code: 'TOKEN_REQUIRED', message: 'x' }).code).toBe('TOKEN_REQUIRED');
    expect(toErrorPayload(Object.assign(new Error('x'), { code: 'TIMEOUT' })).code).toBe('TIMEOUT');
  });
});
