// Lookups into a validated playbook, shared by the state machine, timers and templates.
import {
  isBuiltinPlaceholder,
  type ChecklistItem,
  type Incident,
  type IncidentLang,
  type Playbook,
  type PlaybookStage,
  type Severity,
  type SeverityDefinition,
} from '../../../shared/incidents';

export interface ItemLocation {
  stage: PlaybookStage;
  stageIndex: number;
  item: ChecklistItem;
}

export function stageAt(playbook: Playbook, index: number): PlaybookStage {
  const stage = playbook.stages[index];
  if (!stage) throw new RangeError(`stage index ${index} is outside the playbook (${playbook.stages.length} stages)`);
  return stage;
}

export function stageIndexOf(playbook: Playbook, stageId: string): number {
  return playbook.stages.findIndex((s) => s.id === stageId);
}

export function findItem(playbook: Playbook, itemId: string): ItemLocation | null {
  for (const [stageIndex, stage] of playbook.stages.entries()) {
    const item = stage.checklist.find((i) => i.id === itemId);
    if (item) return { stage, stageIndex, item };
  }
  return null;
}

export function severityDefinition(playbook: Playbook, severity: Severity): SeverityDefinition {
  // The schema guarantees one definition per severity, in order.
  return playbook.severities.find((s) => s.id === severity)!;
}

/** Free-text share fields (those that are not built-in record values). */
export function customFieldIds(playbook: Playbook): Set<string> {
  const ids = new Set<string>();
  for (const stage of playbook.stages) for (const f of stage.share) if (!isBuiltinPlaceholder(f.id)) ids.add(f.id);
  return ids;
}

/** Required items of a stage that are neither done nor skipped. */
export function missingRequiredItems(incident: Incident, playbook: Playbook, stageIndex = incident.stageIndex): ChecklistItem[] {
  return stageAt(playbook, stageIndex).checklist.filter((item) => item.required && !incident.checklist[item.id]);
}

/** Minutes between status updates in a stage for a severity; null when no update is due. */
export function statusUpdateCadenceMinutes(playbook: Playbook, stageIndex: number, severity: Severity): number | null {
  const timer = stageAt(playbook, stageIndex).timers.find((t) => t.kind === 'status-update');
  return timer?.kind === 'status-update' ? timer.everyMinutes[severity] : null;
}

export function stageName(playbook: Playbook, stageId: string, lang: IncidentLang): string {
  return playbook.stages.find((s) => s.id === stageId)?.name[lang] ?? stageId;
}

export function itemText(playbook: Playbook, itemId: string, lang: IncidentLang): string {
  return findItem(playbook, itemId)?.item.text[lang] ?? itemId;
}
