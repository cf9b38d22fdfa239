// The responder list in the data folder: saved atomically, names unique, exported and imported
// in one format, and a damaged file set aside rather than overwritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openPeopleStore, PEOPLE_FILE } from '../../../src/main/engine/incidents/people';

const open = (dataDir: string) => openPeopleStore({ dataDir, osUser: 'root', logger: new MemoryLogger(), now: () => 1_700_000_000_000 });
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-people-test-'));

describe('the responder list', () => {
  it('keeps people in people.json across restarts, sorted by name, with the OS account only as the default for "me"', () => {
    const dir = tempDir();
    const store = open(dir);
    expect(store.view()).toEqual({ people: [], osUser: 'root', problem: null });
    store.save({ name: '최민수', team: '고객센터', contact: '010-2222-3333' });
    store.save({ name: '김지은', team: '서비스관리팀', contact: '@jieun' });
    const again = open(dir).view();
    expect(again.people.map((p) => p.name)).toEqual(['김지은', '최민수']);
    expect(again.people[0]).toMatchObject({ id: expect.stringMatching(/^p-[a-z0-9]+$/), team: '서비스관리팀', contact: '@jieun' });
    expect(fs.readdirSync(dir)).toEqual([PEOPLE_FILE]);
    expect((fs.statSync(path.join(dir, PEOPLE_FILE)).mode & 0o777).toString(8)).toBe('600');
  });

  it('refuses a second person with the same name, and updates by id', () => {
    const store = open(tempDir());
    const { people } = store.save({ name: '김지은', team: 'A', contact: '' });
    expect(() => store.save({ name: ' 김지은 ', team: 'B', contact: '' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', data: expect.objectContaining({ reason: 'duplicate' }) }));
    const updated = store.save({ id: people[0]!.id, name: '김지은', team: 'B', contact: '010' });
    expect(updated.people).toEqual([{ id: people[0]!.id, name: '김지은', team: 'B', contact: '010' }]);
    expect(store.remove(people[0]!.id).people).toEqual([]);
    expect(store.remove('p-gone0000').people).toEqual([]);
  });

  it('exports a file that imports elsewhere, merging by name instead of doubling people', () => {
    const a = open(tempDir());
    a.save({ name: 'Jane Park', team: 'Customer center', contact: 'jane@example.invalid' });
    a.save({ name: '박서준', team: 'DBA', contact: '010-9999-0000' });
    const b = open(tempDir());
    b.save({ name: 'jane park', team: 'old team', contact: '' });
    const merged = b.importText(a.exportText());
    expect(merged.people.map((p) => [p.name, p.team])).toEqual([
      ['박서준', 'DBA'],
      ['Jane Park', 'Customer center'],
    ]);
    expect(() => b.importText('{"people": "nope"}')).toThrow(expect.objectContaining({ code: 'IMPORT_UNREADABLE' }));
  });

  it('sets a damaged file aside and starts empty, saying so', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, PEOPLE_FILE), '{ not json');
    const store = open(dir);
    expect(store.view()).toMatchObject({ people: [], problem: 'PEOPLE_UNREADABLE' });
    expect(fs.readdirSync(dir)).toEqual([`${PEOPLE_FILE}.damaged-1700000000000`]);
    expect(store.save({ name: '김지은', team: '', contact: '' }).problem).toBeNull();
  });
});
