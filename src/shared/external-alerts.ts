// Alerts raised by a data source (Zabbix problems, later Prometheus's /api/v1/alerts), shown
// beside OpsDeck's own. OpsDeck does not evaluate them: the source owns their lifecycle, so they
// are read each poll and replaced as a whole. A source maps its severity onto OpsDeck's three.
import type { AlertSeverity } from './notifications';

/** One alert as a source kind reads it; the engine adds which check it came from. */
export interface ExternalAlertReading {
  /** The source's own id (Zabbix eventid, Prometheus fingerprint): stable while the alert lasts. */
  externalId: string;
  severity: AlertSeverity;
  /** The source's word for the severity ('high', 'disaster', a Prometheus severity label). */
  sourceSeverity: string;
  acknowledged: boolean;
  /** Milliseconds since the epoch when the source says the alert started. */
  startedAt: number;
  /** The source's text (the trigger's problem name, the alert's summary). Not translated. */
  text: string;
  /** The host (or instance) the source names, when it names one. */
  host: string | null;
  /** The source itself holds it back (Zabbix maintenance, a silenced Alertmanager alert). */
  suppressed: boolean;
  /** The source's rule holds but has not lasted its `for:` yet (Prometheus "pending"); absent means firing. */
  pending?: boolean;
}

/** What an AlertView of an external alert carries about its source. */
export interface ExternalAlertInfo extends ExternalAlertReading {
  /** The data-source check it came from, and its kind ('zabbix', 'prometheus'). */
  sourceId: string;
  sourceKind: string;
  /** The check's name, as the person gave it. */
  sourceLabel: string;
}

/** Zabbix trigger severities 0-5 onto OpsDeck's: High and Disaster are critical, Warning and Average warnings. */
export const ZABBIX_SEVERITIES = ['not-classified', 'information', 'warning', 'average', 'high', 'disaster'] as const;

export function zabbixSeverity(priority: number): { severity: AlertSeverity; sourceSeverity: string } {
  const p = Number.isInteger(priority) && priority >= 0 && priority <= 5 ? priority : 0;
  return { severity: p >= 4 ? 'critical' : p >= 2 ? 'warning' : 'info', sourceSeverity: ZABBIX_SEVERITIES[p]! };
}

export const EXTERNAL_ALERT_PREFIX = 'ext:';

export function externalAlertId(sourceId: string, externalId: string): string {
  return `${EXTERNAL_ALERT_PREFIX}${sourceId}:${externalId}`;
}

/**
 * Prometheus alerting rules carry their severity as a `severity` label by convention, in words
 * teams choose; the common ones map onto OpsDeck's three, anything else (or none) is a warning,
 * the way Alertmanager's default routes treat an unlabelled alert as worth a look.
 */
const PROMETHEUS_CRITICAL = new Set(['critical', 'crit', 'page', 'error', 'high', 'disaster', 'emergency', 'fatal', 'p1']);
const PROMETHEUS_INFO = new Set(['info', 'information', 'informational', 'none', 'low', 'notice', 'debug', 'p4', 'p5']);

export function prometheusSeverity(label: string | undefined): { severity: AlertSeverity; sourceSeverity: string } {
  const word = (label ?? '').trim().toLowerCase();
  if (word === '') return { severity: 'warning', sourceSeverity: 'none' };
  return { severity: PROMETHEUS_CRITICAL.has(word) ? 'critical' : PROMETHEUS_INFO.has(word) ? 'info' : 'warning', sourceSeverity: word.slice(0, 40) };
}
