// Prometheus's /api/v1/alerts as external alerts (pure: JSON in, readings out). Prometheus
// evaluates its own alerting rules; OpsDeck only shows what is pending or firing there, beside
// its own alerts. The API gives no id, so the alert's identity is a hash of its labels, the way
// Alertmanager fingerprints an alert: stable while the alert lasts, new when a label changes.
import { prometheusSeverity, type ExternalAlertReading } from '../../../shared/external-alerts';

export interface PromAlert {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  state?: string;
  activeAt?: string;
  value?: string;
}

/** At most this many alerts per source: a rule gone wrong can fire for every series it matches. */
export const MAX_PROMETHEUS_ALERTS = 2_000;
const MAX_TEXT = 500;

/** FNV-1a over the sorted labels, twice with different offsets: 16 hex digits, no crypto needed. */
export function labelsFingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}\u0000`)
    .join('');
  const fnv = (offset: number) => {
    let h = offset >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}

function alertText(labels: Record<string, string>, annotations: Record<string, string>): string {
  const name = labels.alertname ?? '';
  const detail = (annotations.summary || annotations.description || annotations.message || '').trim();
  const text = name && detail ? `${name}: ${detail}` : name || detail || 'Prometheus alert';
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Pending and firing alerts, firing first then the oldest; anything malformed is skipped. */
export function prometheusAlertReadings(alerts: unknown, now: number): ExternalAlertReading[] {
  if (!Array.isArray(alerts)) return [];
  const out: ExternalAlertReading[] = [];
  const seen = new Set<string>();
  for (const a of alerts as PromAlert[]) {
    if (a === null || typeof a !== 'object' || (a.state !== 'firing' && a.state !== 'pending')) continue;
    const labels = a.labels && typeof a.labels === 'object' ? a.labels : {};
    const annotations = a.annotations && typeof a.annotations === 'object' ? a.annotations : {};
    const externalId = labelsFingerprint(labels);
    if (seen.has(externalId)) continue;
    seen.add(externalId);
    const activeAt = typeof a.activeAt === 'string' ? Date.parse(a.activeAt) : NaN;
    out.push({
      externalId,
      ...prometheusSeverity(labels.severity),
      acknowledged: false,
      startedAt: Number.isFinite(activeAt) ? activeAt : now,
      text: alertText(labels, annotations),
      host: labels.instance || null,
      // Silences live in Alertmanager, which this API does not ask.
      suppressed: false,
      ...(a.state === 'pending' ? { pending: true } : {}),
    });
  }
  out.sort((x, y) => Number(Boolean(x.pending)) - Number(Boolean(y.pending)) || x.startedAt - y.startedAt);
  return out.slice(0, MAX_PROMETHEUS_ALERTS);
}
