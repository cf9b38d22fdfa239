// Which playbook new incidents run under, and the exact version each stored incident ran
// under. The organisation's saved playbook wins; otherwise the shipped default. A version is
// stored the first time an incident uses it, so an incident keeps its stages and wording
// after the organisation edits the playbook or a new OpsDeck ships a new default.
import { OpsError } from '../../../shared/errors';
import { parsePlaybookJson, playbookToJson, type Playbook } from '../../../shared/incidents';
import type { PlaybookInfo } from '../../../shared/incidents-contract';
import type { IncidentStore, IncidentWriter, StoredPlaybook } from '../store';

export class PlaybookRegistry {
  private readonly parsed = new Map<number, Playbook>();
  private readonly bundledText: string;

  constructor(
    private readonly store: IncidentStore,
    private readonly bundled: Playbook,
  ) {
    this.bundledText = playbookToJson(bundled);
  }

  /** The playbook a new incident would run under. */
  current(): PlaybookInfo {
    const latest = this.store.latestPlaybook();
    if (latest?.source === 'organisation') return { playbook: this.parse(latest), version: latest.version, source: 'organisation', savedAt: latest.savedAt, savedBy: latest.savedBy };
    const stored = latest !== null && latest.content === this.bundledText;
    return { playbook: this.bundled, version: stored ? latest.version : null, source: 'default', savedAt: null, savedBy: null };
  }

  /** The playbook of a stored version (cached: versions never change). */
  byVersion(version: number): Playbook {
    const cached = this.parsed.get(version);
    if (cached) return cached;
    const row = this.store.getPlaybook(version);
    if (!row) throw new OpsError('STORE_FAILED', `Playbook version ${version} is missing from the database; restore the database from a backup.`);
    return this.parse(row);
  }

  /** Inside a write: the version new incidents run under, stored now if it is not yet. */
  pinCurrent(w: IncidentWriter, at: number, by: string): number {
    const latest = w.latestPlaybook();
    if (latest?.source === 'organisation' || (latest !== null && latest.content === this.bundledText)) return latest.version;
    return w.insertPlaybook({ source: 'default', content: this.bundledText, savedAt: at, savedBy: by }).version;
  }

  /** Validates a playbook file and stores it as the organisation's playbook (with an audit row). */
  import(content: string, at: number, by: string): PlaybookInfo {
    // Stored in our own formatting, so an export gives back exactly what is in use.
    const playbook = parsePlaybookJson(content.replace(/^\uFEFF/, ''));
    const text = playbookToJson(playbook);
    const row = this.store.write((w) => {
      const saved = w.insertPlaybook({ source: 'organisation', content: text, savedAt: at, savedBy: by });
      w.audit({ ts: at, who: by, action: 'playbook.import', subjectKind: 'playbook', subjectId: String(saved.version), detail: { id: playbook.id, bytes: content.length } });
      return saved;
    });
    this.parsed.set(row.version, playbook);
    return { playbook, version: row.version, source: 'organisation', savedAt: at, savedBy: by };
  }

  private parse(row: StoredPlaybook): Playbook {
    let playbook = this.parsed.get(row.version);
    if (!playbook) {
      try {
        playbook = parsePlaybookJson(row.content);
      } catch (err) {
        throw new OpsError('STORE_FAILED', `Playbook version ${row.version} in the database is no longer valid (${(err as Error).message}).`);
      }
      this.parsed.set(row.version, playbook);
    }
    return playbook;
  }
}
