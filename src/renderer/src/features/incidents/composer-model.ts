// Pure helpers of the message composer: which notice fits the incident now, what each
// placeholder is called in the room, and how it is filled in.
import { isBuiltinPlaceholder, type Incident, type IncidentLang, type Playbook } from '../../../../shared/incidents';
import type { Translate } from '../../i18n/catalogue';
import { inLanguage, roleLabel } from './labels';

/** How the composer offers a placeholder's value. */
export type FieldKind =
  | { kind: 'custom' }
  | { kind: 'detail'; field: 'title' | 'impact' | 'workaround' }
  | { kind: 'services' }
  | { kind: 'role'; role: 'commander' | 'communications' | 'scribe' | 'resolver' }
  | { kind: 'update' }
  | { kind: 'nextUpdateAt' }
  | { kind: 'event'; event: 'acknowledgedAt' | 'recoveryStartedAt' | 'resolvedAt' }
  | { kind: 'record' };

export function fieldKindOf(name: string): FieldKind {
  if (!isBuiltinPlaceholder(name)) return { kind: 'custom' };
  switch (name) {
    case 'title':
    case 'impact':
    case 'workaround':
      return { kind: 'detail', field: name };
    case 'services':
      return { kind: 'services' };
    case 'commander':
    case 'communications':
    case 'scribe':
      return { kind: 'role', role: name };
    case 'resolvers':
      return { kind: 'role', role: 'resolver' };
    case 'update':
      return { kind: 'update' };
    case 'nextUpdateAt':
      return { kind: 'nextUpdateAt' };
    case 'acknowledgedAt':
    case 'recoveryStartedAt':
    case 'resolvedAt':
      return { kind: 'event', event: name };
    default:
      return { kind: 'record' };
  }
}

/**
 * The notice this moment calls for: after recovery the final one; during a stage whose checklist
 * is ticked by a posted customer (or internal) notice, the first of that audience; else the first.
 */
export function defaultTemplateId(incident: Incident, playbook: Playbook): string {
  const templates = playbook.templates;
  if (incident.status !== 'active') return (templates.find((tpl) => tpl.final) ?? templates[0])?.id ?? '';
  const stage = playbook.stages[incident.stageIndex];
  const events = new Set(stage?.checklist.filter((i) => !incident.checklist[i.id]).map((i) => i.autoCheckOn));
  const audience = events.has('customer-update') ? 'customer' : events.has('internal-update') ? 'internal' : null;
  const pick = audience ? templates.find((tpl) => tpl.audience === audience && !tpl.final) : undefined;
  return (pick ?? templates[0])?.id ?? '';
}

/** A placeholder's name as the room shows it: the playbook's share label, or the built-in's own. */
export function placeholderLabel(name: string, playbook: Playbook, t: Translate, language: IncidentLang): string {
  for (const stage of playbook.stages) {
    const field = stage.share.find((f) => f.id === name);
    if (field) return inLanguage(field.label, language);
  }
  if (name === 'commander' || name === 'communications' || name === 'scribe') return roleLabel(t, name);
  if (name === 'resolvers') return roleLabel(t, 'resolver');
  if (isBuiltinPlaceholder(name)) return t(`placeholder.${name}`);
  return t('placeholder.unknown', { name });
}
