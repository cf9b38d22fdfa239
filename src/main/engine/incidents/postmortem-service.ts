// Post-mortems of stored incidents: the form's data (a draft until the first save), saving
// with a revision check (one durable transaction with its audit row), and the Markdown export.
import { OpsError } from '../../../shared/errors';
import type { IncidentLang } from '../../../shared/incidents';
import type { IncidentExportFile, PostmortemView, SavePostmortemArgs } from '../../../shared/incidents-contract';
import type { Clock } from '../core/clock';
import type { IncidentStore } from '../store';
import { draftPostmortem, postmortemToMarkdown } from './postmortem';
import { checkTimeZone, type IncidentService } from './service';
import { postmortemView } from './views';

export class PostmortemService {
  constructor(
    private readonly incidents: IncidentService,
    private readonly store: IncidentStore,
    private readonly clock: Clock,
  ) {}

  get(incidentId: string, timeZone?: string): PostmortemView {
    const { incident, playbookVersion } = this.incidents.require(incidentId);
    const now = this.clock.now();
    const stored = this.store.getPostmortem(incidentId);
    return postmortemView({
      postmortem: stored?.postmortem ?? draftPostmortem(incident, now, this.incidents.user),
      revision: stored?.revision ?? 0,
      incident,
      playbook: this.incidents.playbooks.byVersion(playbookVersion),
      now,
      timeZone: checkTimeZone(timeZone),
    });
  }

  save({ incidentId, revision, postmortem }: SavePostmortemArgs): PostmortemView {
    if (postmortem.incidentId !== incidentId) throw new OpsError('INVALID_ARGUMENT', `This post-mortem belongs to ${postmortem.incidentId}, not to ${incidentId}.`);
    const ids = new Set<string>();
    for (const item of postmortem.actionItems) {
      if (ids.has(item.id)) throw new OpsError('INVALID_ARGUMENT', `Two action items share the id "${item.id}"; give each its own.`);
      ids.add(item.id);
    }
    const now = this.clock.now();
    const user = this.incidents.user;
    const saved = this.store.write((w) => {
      const stored = w.getIncident(incidentId);
      if (!stored) throw new OpsError('NOT_FOUND', `There is no incident ${incidentId}.`);
      const previous = w.getPostmortem(incidentId);
      const record = {
        ...postmortem,
        authors: postmortem.authors.length > 0 ? postmortem.authors : [user],
        createdAt: previous?.postmortem.createdAt ?? now,
        updatedAt: now,
      };
      const next = w.putPostmortem(record, revision, now, user);
      w.audit({
        ts: now,
        who: user,
        action: revision === 0 ? 'postmortem.create' : 'postmortem.save',
        subjectKind: 'postmortem',
        subjectId: incidentId,
        detail: { revision: next, status: record.status, actionItems: record.actionItems.length },
      });
      return { record, next, stored };
    });
    this.incidents.emit({ kind: 'postmortem', incidentId, revision: saved.stored.incident.revision, timerIds: [] });
    return postmortemView({
      postmortem: saved.record,
      revision: saved.next,
      incident: saved.stored.incident,
      playbook: this.incidents.playbooks.byVersion(saved.stored.playbookVersion),
      now,
    });
  }

  exportMarkdown(incidentId: string, lang: IncidentLang, timeZone?: string): IncidentExportFile {
    const { incident, playbookVersion } = this.incidents.require(incidentId);
    const stored = this.store.getPostmortem(incidentId);
    if (!stored) throw new OpsError('NOT_FOUND', `The post-mortem of ${incidentId} has not been saved yet. Save it, then export.`);
    const content = postmortemToMarkdown(stored.postmortem, incident, lang, {
      playbook: this.incidents.playbooks.byVersion(playbookVersion),
      timeZone: checkTimeZone(timeZone),
      now: this.clock.now(),
    });
    return { filename: `postmortem-${incidentId}-${lang}.md`, mime: 'text/markdown;charset=utf-8', content };
  }
}
