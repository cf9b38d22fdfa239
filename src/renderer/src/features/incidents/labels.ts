// Words for incident values in the UI language. Pure.
import type { Bilingual, IncidentRole, IncidentStatus, Severity } from '../../../../shared/incidents';
import type { Language, Translate } from '../../i18n/catalogue';

export const severityLabel = (t: Translate, severity: Severity) => t(`severity.${severity}`);
export const incidentStatusLabel = (t: Translate, status: IncidentStatus) => t(`incidentStatus.${status}`);
export const roleLabel = (t: Translate, role: IncidentRole) => t(`role.${role}`);

/** The playbook's text in the UI language. */
export const inLanguage = (text: Bilingual, language: Language) => text[language];

/** Shape and colour class of a severity, so it reads without colour too. */
export const SEVERITY_SHAPES: Record<Severity, string> = { SEV1: '■', SEV2: '▲', SEV3: '◆', SEV4: '●' };

/** "a, b, c" typed by a person to a clean list. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

/** ms since the epoch to the value of an <input type="datetime-local"> in local time. */
export function toLocalInput(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an <input type="datetime-local"> to ms, or null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  if (value.trim() === '') return null;
  const ts = new Date(value).getTime();
  return Number.isFinite(ts) ? ts : null;
}
