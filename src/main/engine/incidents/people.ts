// The responder list in the data folder (people.json): read once, replaced atomically on every
// change (temp file, fsync, rename), so a crash never leaves half a list. A file that cannot be
// read is set aside as people.json.damaged-<time>, never overwritten, and the list starts empty.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { OpsError } from '../../../shared/errors';
import { MAX_PEOPLE, PEOPLE_FORMAT_VERSION, PeopleFileSchema, samePersonName, type PeopleView, type Person, type PersonInput } from '../../../shared/incidents-people';
import type { Logger } from '../core/logger';

export const PEOPLE_FILE = 'people.json';

export interface PeopleStore {
  view(): PeopleView;
  save(input: PersonInput): PeopleView;
  remove(id: string): PeopleView;
  exportText(): string;
  importText(content: string): PeopleView;
}

function byName(a: Person, b: Person): number {
  return a.name.localeCompare(b.name, 'ko');
}

/** `dataDir` null keeps the list in memory (tests, and hosts without a data folder). */
export function openPeopleStore(opts: { dataDir: string | null; osUser: string; logger: Logger; now(): number }): PeopleStore {
  const dataDir = opts.dataDir;
  const file = dataDir === null ? null : path.join(dataDir, PEOPLE_FILE);
  let problem: PeopleView['problem'] = null;
  let people: Person[] = read();

  function read(): Person[] {
    if (file === null) return [];
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      problem = 'PEOPLE_UNREADABLE';
      opts.logger.log('error', 'people-unreadable', { file, error: String((err as NodeJS.ErrnoException).code ?? err) });
      return [];
    }
    const parsed = (() => {
      try {
        return PeopleFileSchema.safeParse(JSON.parse(text));
      } catch {
        return null;
      }
    })();
    if (parsed?.success) return [...parsed.data.people].sort(byName);
    const aside = `${file}.damaged-${opts.now()}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      // Left where it is: the next write will fail loudly rather than overwrite it.
    }
    problem = 'PEOPLE_UNREADABLE';
    opts.logger.log('error', 'people-file-damaged', { file, setAsideAs: aside });
    return [];
  }

  function write(next: Person[]): void {
    if (file === null || dataDir === null) {
      people = [...next].sort(byName);
      return;
    }
    const content = fileText(next);
    const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      const fd = fs.openSync(tmp, 'wx', 0o600);
      try {
        fs.writeFileSync(fd, content);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new OpsError('STORE_FAILED', `The responder list could not be saved to ${file}: ${String((err as NodeJS.ErrnoException).code ?? err)}.`, { file });
    }
    people = [...next].sort(byName);
    problem = null;
  }

  const view = (): PeopleView => ({ people: people.map((p) => ({ ...p })), osUser: opts.osUser, problem });

  function upsert(list: Person[], input: PersonInput): Person[] {
    const clash = list.find((p) => samePersonName(p.name, input.name) && p.id !== input.id);
    if (clash) throw new OpsError('INVALID_ARGUMENT', `"${input.name}" is already on the responder list.`, { field: 'name', reason: 'duplicate', value: input.name });
    if (input.id !== undefined) {
      if (!list.some((p) => p.id === input.id)) throw new OpsError('NOT_FOUND', `There is no responder ${input.id}; it may have been deleted.`);
      return list.map((p) => (p.id === input.id ? { id: p.id, name: input.name, team: input.team, contact: input.contact } : p));
    }
    if (list.length >= MAX_PEOPLE) throw new OpsError('TOO_LARGE', `The responder list holds at most ${MAX_PEOPLE} people.`, { max: MAX_PEOPLE });
    return [...list, { id: `p-${randomBytes(6).toString('hex')}`, name: input.name, team: input.team, contact: input.contact }];
  }

  return {
    view,
    save(input) {
      write(upsert(people, input));
      return view();
    },
    remove(id) {
      // Deleting someone already gone (another window did it) leaves the list as it is.
      if (people.some((p) => p.id === id)) write(people.filter((p) => p.id !== id));
      return view();
    },
    exportText: () => fileText(people),
    importText(content) {
      let raw: unknown;
      try {
        raw = JSON.parse(content);
      } catch {
        throw new OpsError('IMPORT_UNREADABLE', 'The responder file is not JSON exported by OpsDeck.');
      }
      const parsed = PeopleFileSchema.safeParse(raw);
      if (!parsed.success) throw new OpsError('IMPORT_UNREADABLE', 'The responder file does not have the shape OpsDeck exports (formatVersion 1, people with name, team and contact).');
      let next = people;
      for (const incoming of parsed.data.people) {
        const existing = next.find((p) => samePersonName(p.name, incoming.name));
        next = upsert(next, { id: existing?.id, name: incoming.name, team: incoming.team, contact: incoming.contact });
      }
      write(next);
      return view();
    },
  };
}

function fileText(people: Person[]): string {
  return `${JSON.stringify({ formatVersion: PEOPLE_FORMAT_VERSION, people }, null, 2)}\n`;
}
