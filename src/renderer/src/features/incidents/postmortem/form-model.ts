// The post-mortem form's working copy: lists as text (one per line), times as local date-time
// inputs, numbers as typed. Converted to the record on save, with the problems listed. Pure.
import type { ActionItem, Postmortem } from '../../../../../shared/incidents';
import { fromLocalInput, splitList, toLocalInput } from '../labels';

export interface PostmortemForm {
  status: Postmortem['status'];
  authors: string;
  summary: string;
  impactStarted: string;
  impactEnded: string;
  usersAffected: string;
  services: string;
  impactDescription: string;
  rootCauses: string;
  trigger: string;
  detection: string;
  resolution: string;
  wentWell: string;
  wentWrong: string;
  gotLucky: string;
  actionItems: ActionItem[];
}

const lines = (xs: readonly string[]) => xs.join('\n');
const toLines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);

export function formOf(pm: Postmortem): PostmortemForm {
  return {
    status: pm.status,
    authors: pm.authors.join(', '),
    summary: pm.summary,
    impactStarted: pm.impact.startedAt === null ? '' : toLocalInput(pm.impact.startedAt),
    impactEnded: pm.impact.endedAt === null ? '' : toLocalInput(pm.impact.endedAt),
    usersAffected: pm.impact.usersAffected === null ? '' : String(pm.impact.usersAffected),
    services: pm.impact.services.join(', '),
    impactDescription: pm.impact.description,
    rootCauses: lines(pm.rootCauses),
    trigger: pm.trigger,
    detection: pm.detection,
    resolution: pm.resolution,
    wentWell: lines(pm.wentWell),
    wentWrong: lines(pm.wentWrong),
    gotLucky: lines(pm.gotLucky),
    actionItems: pm.actionItems.map((i) => ({ ...i })),
  };
}

/** What is wrong with one field, as a catalogue key; the field keys are form keys or `action-<n>-<field>`. */
export type PostmortemProblem = 'pm.error.usersAffected' | 'pm.error.time' | 'pm.error.impactOrder' | 'pm.error.actionTitle' | 'pm.error.actionOwner' | 'pm.error.actionDue';

/** "1,200" and "1 200" are numbers people type; "약 1,200명" is not. */
function usersNumber(text: string): number | null {
  const compact = text.trim().replace(/[,\s]/g, '');
  return /^\d+$/.test(compact) ? Number(compact) : null;
}

/** The fields that would be refused, each with a plain explanation (checked before saving). */
export function formProblems(form: PostmortemForm): Map<string, PostmortemProblem> {
  const problems = new Map<string, PostmortemProblem>();
  if (form.usersAffected.trim() !== '' && usersNumber(form.usersAffected) === null) problems.set('usersAffected', 'pm.error.usersAffected');
  const started = form.impactStarted.trim() === '' ? null : fromLocalInput(form.impactStarted);
  const ended = form.impactEnded.trim() === '' ? null : fromLocalInput(form.impactEnded);
  if (form.impactStarted.trim() !== '' && started === null) problems.set('impactStarted', 'pm.error.time');
  if (form.impactEnded.trim() !== '' && ended === null) problems.set('impactEnded', 'pm.error.time');
  if (started !== null && ended !== null && ended < started) problems.set('impactEnded', 'pm.error.impactOrder');
  form.actionItems.forEach((item, i) => {
    if (item.title.trim() === '') problems.set(`action-${i}-title`, 'pm.error.actionTitle');
    if (item.owner.trim() === '') problems.set(`action-${i}-owner`, 'pm.error.actionOwner');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(item.dueDate)) problems.set(`action-${i}-due`, 'pm.error.actionDue');
  });
  return problems;
}

export function postmortemOf(form: PostmortemForm, base: Postmortem): Postmortem {
  return {
    ...base,
    status: form.status,
    authors: splitList(form.authors),
    summary: form.summary,
    impact: {
      startedAt: fromLocalInput(form.impactStarted),
      endedAt: fromLocalInput(form.impactEnded),
      usersAffected: form.usersAffected.trim() === '' ? null : usersNumber(form.usersAffected),
      services: splitList(form.services),
      description: form.impactDescription,
    },
    rootCauses: toLines(form.rootCauses),
    trigger: form.trigger,
    detection: form.detection,
    resolution: form.resolution,
    wentWell: toLines(form.wentWell),
    wentWrong: toLines(form.wentWrong),
    gotLucky: toLines(form.gotLucky),
    actionItems: form.actionItems.map((i) => ({ ...i, title: i.title.trim(), owner: i.owner.trim(), ticket: i.ticket?.trim() ? i.ticket.trim() : null })),
  };
}

let counter = 0;

/** A new action item with the playbook's default due date for its kind. */
export function newActionItem(kind: ActionItem['kind'], dueDate: string, now: number): ActionItem {
  counter += 1;
  return { id: `a-${now.toString(36)}-${counter}`, title: '', kind, owner: '', dueDate, status: 'open', ticket: null };
}

/** Open items whose due date is before today (local calendar): flagged while the person edits. */
export function overdueItemIds(items: readonly ActionItem[], now: number): Set<string> {
  const today = toLocalInput(now).slice(0, 10);
  return new Set(items.filter((i) => (i.status === 'open' || i.status === 'in-progress') && /^\d{4}-\d{2}-\d{2}$/.test(i.dueDate) && i.dueDate < today).map((i) => i.id));
}
