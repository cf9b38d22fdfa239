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

/** Field names (form keys, or actionItems[n].field) that would be refused. */
export function formProblems(form: PostmortemForm): string[] {
  const problems: string[] = [];
  const users = form.usersAffected.trim();
  if (users !== '' && !/^\d+$/.test(users)) problems.push('usersAffected');
  if (form.impactStarted.trim() !== '' && fromLocalInput(form.impactStarted) === null) problems.push('impactStarted');
  if (form.impactEnded.trim() !== '' && fromLocalInput(form.impactEnded) === null) problems.push('impactEnded');
  form.actionItems.forEach((item, i) => {
    if (item.title.trim() === '') problems.push(`actionItems[${i}].title`);
    if (item.owner.trim() === '') problems.push(`actionItems[${i}].owner`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(item.dueDate)) problems.push(`actionItems[${i}].dueDate`);
  });
  return problems;
}

export function postmortemOf(form: PostmortemForm, base: Postmortem): Postmortem {
  const users = form.usersAffected.trim();
  return {
    ...base,
    status: form.status,
    authors: splitList(form.authors),
    summary: form.summary,
    impact: {
      startedAt: fromLocalInput(form.impactStarted),
      endedAt: fromLocalInput(form.impactEnded),
      usersAffected: users === '' ? null : Number(users),
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
