// The one formatter every channel uses: an AlertNotification becomes the parts of a message in
// the channel's language (title, lead, one sentence per alert, facts, whom to call, what the
// glossary says, a link back). Each channel lays these parts out in its own format; none of
// them writes sentences of its own. Pure: the zone and the clock reading are arguments.
import type { HealthStatus } from '../../../../shared/model';
import type { AlertNotification, AlertSeverity, ChannelLanguage, NotifiedAlert } from '../../../../shared/notifications';
import { formatLocalTime } from '../../incidents/local-time';
import { TEXTS, type Texts } from './texts';
import { formatValue } from './values';

export type Tone = 'critical' | 'warning' | 'ok' | 'info' | 'unknown';

export interface MessageFact {
  label: string;
  value: string;
}

export interface FormattedMessage {
  language: ChannelLanguage;
  tone: Tone;
  severity: AlertSeverity | null;
  status: HealthStatus;
  /** "[심각] 결제: 메모리 사용률 높음" */
  title: string;
  /** One sentence: what kind of news this is. */
  lead: string;
  /** Per alert: what is wrong (or fixed), since when, and any forecast. */
  alerts: string[];
  facts: MessageFact[];
  /** "홍길동 (현장 지휘자) · 010-…", in order. */
  contacts: string[];
  /** "메모리 사용률: …" one line per glossary entry the alerts name. */
  glossary: string[];
  link: { label: string; url: string } | null;
  footer: string;
  headings: { whomToCall: string; whatItMeans: string };
}

export interface FormatOptions {
  language: ChannelLanguage;
  timeZone: string;
  /** The channel's name, for the test message. */
  channelName: string;
  /** Engine clock reading: "for 23 min" is measured against it. */
  now: number;
}

/** Colour family of a notification: resolved news is good news whatever the severity was. */
export function toneOf(n: AlertNotification): Tone {
  if (n.event === 'resolved') return 'ok';
  if (n.event === 'unknown') return 'unknown';
  if (n.event === 'test') return 'info';
  const severity = worstSeverity(n.alerts);
  if (severity === 'critical' || n.status === 'crit') return 'critical';
  if (severity === 'warning' || n.status === 'warn') return 'warning';
  return 'info';
}

const SEVERITY_ORDER: AlertSeverity[] = ['critical', 'warning', 'info'];

export function worstSeverity(alerts: readonly NotifiedAlert[]): AlertSeverity | null {
  for (const s of SEVERITY_ORDER) if (alerts.some((a) => a.severity === s)) return s;
  return null;
}

function metricName(alert: NotifiedAlert, language: ChannelLanguage): string {
  return alert.series?.label?.[language] ?? alert.ruleName;
}

function headline(n: AlertNotification, t: Texts, language: ChannelLanguage): string {
  if (n.alerts.length !== 1) return t.headlineMany(n.alerts.length);
  const alert = n.alerts[0]!;
  if (!alert.series?.label) return t.headlineRule(alert.ruleName);
  const metric = metricName(alert, language);
  if (n.event === 'resolved' || alert.state === 'resolved') return t.headlineResolved(metric);
  if (n.event === 'unknown' || alert.state === 'unknown') return t.headlineUnknown(metric);
  if (alert.direction === 'below') return t.headlineBelow(metric);
  if (alert.direction === 'above') return t.headlineAbove(metric);
  return t.headlineRule(alert.ruleName);
}

function alertSentences(n: AlertNotification, alert: NotifiedAlert, t: Texts, opts: FormatOptions): string {
  const { language } = opts;
  const unit = alert.series?.unit ?? null;
  const value = alert.value === null ? null : formatValue(alert.value, unit, language);
  const threshold = alert.threshold === null ? null : formatValue(alert.threshold, unit, language);
  const target = alert.target.name;
  const metric = metricName(alert, language);
  const parts: string[] = [];
  if (n.event === 'resolved' || alert.state === 'resolved') {
    parts.push(alert.series?.label ? t.backToNormal(target, metric, value) : t.backToNormal(target, alert.ruleName, value));
    if (alert.firingSince !== null && alert.resolvedAt !== null) parts.push(t.lasted(t.duration(alert.resolvedAt - alert.firingSince)));
  } else if (n.event === 'unknown' || alert.state === 'unknown') {
    parts.push(t.noData(target, metric));
  } else if (alert.series?.label && value !== null && threshold !== null && alert.direction) {
    parts.push(alert.direction === 'above' ? t.above(target, metric, value, threshold) : t.below(target, metric, value, threshold));
  } else {
    parts.push(t.ruleFired(target, alert.ruleName, value));
  }
  if (n.event !== 'resolved' && alert.state !== 'resolved' && alert.firingSince !== null) {
    parts.push(t.since(formatLocalTime(alert.firingSince, opts.timeZone), t.duration(opts.now - alert.firingSince)));
  }
  // Known extra words of a rule only: an unknown detail key is never shown raw.
  const eta = alert.detail.etaMs;
  if (typeof eta === 'number' && Number.isFinite(eta) && eta > 0 && n.event !== 'resolved' && n.event !== 'unknown') parts.push(t.diskFullIn(t.duration(eta)));
  const usual = alert.detail.usual;
  if (typeof usual === 'number' && Number.isFinite(usual)) parts.push(t.usually(formatValue(usual, unit, language)));
  if (alert.acknowledgedBy && (n.event === 'acknowledged' || alert.state === 'acknowledged')) parts.push(t.acknowledgedBy(alert.acknowledgedBy));
  if (alert.note) parts.push(t.note(alert.note));
  return parts.join(' ');
}

function facts(n: AlertNotification, t: Texts, opts: FormatOptions, severity: AlertSeverity | null): MessageFact[] {
  const out: MessageFact[] = [];
  if (severity && n.event !== 'test') out.push({ label: t.labelSeverity, value: t.severity[severity] });
  const targets = [...new Map(n.alerts.map((a) => [a.target.id, a.target])).values()];
  if (targets.length > 0) {
    out.push({
      label: t.labelTarget,
      value: targets
        .map((target) => {
          const kind = t.targetKind(target.kind);
          return kind ? t.targetWithKind(target.name, kind) : target.name;
        })
        .join(', '),
    });
  }
  const firsts = n.alerts.map((a) => a.firingSince).filter((v): v is number => v !== null);
  if (firsts.length > 0 && n.event !== 'test') out.push({ label: t.labelSince, value: formatLocalTime(Math.min(...firsts), opts.timeZone) });
  if (n.service) {
    out.push({ label: t.labelService, value: n.service.name });
    if (n.service.owner) out.push({ label: t.labelOwner, value: n.service.owner });
    if (n.service.contact) out.push({ label: t.labelContact, value: n.service.contact });
  }
  if (n.escalationLevel > 0) out.push({ label: t.labelLevel, value: t.level(n.escalationLevel) });
  if (n.incidentId) out.push({ label: t.labelIncident, value: n.incidentId });
  return out;
}

export function formatMessage(n: AlertNotification, opts: FormatOptions): FormattedMessage {
  const t = TEXTS[opts.language];
  const severity = worstSeverity(n.alerts);
  const tone = toneOf(n);
  const footer = t.footer(formatLocalTime(n.at, opts.timeZone));
  const headings = { whomToCall: t.whomToCall, whatItMeans: t.whatItMeans };
  const link = n.link ? { label: t.openInConsole, url: n.link } : null;
  if (n.event === 'test') {
    return {
      language: opts.language,
      tone,
      severity: null,
      status: n.status,
      title: `${t.tag('test', null, 0)} ${t.testTitle}`,
      lead: t.testLead(opts.channelName),
      alerts: [t.testNote],
      facts: [],
      contacts: [],
      glossary: [],
      link,
      footer,
      headings,
    };
  }
  const subject = n.service?.name ?? (n.alerts.length === 1 ? n.alerts[0]!.target.name : t.noService);
  const glossaryIds = [...new Set(n.alerts.map((a) => a.series?.glossaryId).filter((id): id is string => !!id))];
  const glossary = glossaryIds.flatMap((id) => {
    const entry = n.glossary[id];
    if (!entry) return [];
    const alert = n.alerts.find((a) => a.series?.glossaryId === id)!;
    return [t.glossaryLine(metricName(alert, opts.language), entry[opts.language])];
  });
  return {
    language: opts.language,
    tone,
    severity,
    status: n.status,
    title: `${t.tag(n.event, severity, n.escalationLevel)} ${subject}: ${headline(n, t, opts.language)}`,
    lead: t.lead(n.event, n.alerts.length, n.escalationLevel),
    alerts: n.alerts.map((a) => alertSentences(n, a, t, opts)),
    facts: facts(n, t, opts, severity),
    contacts: n.contacts.map((c) => t.contactLine(c.name, c.role, c.contact)),
    glossary,
    link,
    footer,
    headings,
  };
}

/** The whole message as plain text: for e-mail's text part, Telegram, Dooray, desktop bodies. */
export function plainText(m: FormattedMessage, opts: { withTitle?: boolean } = {}): string {
  const blocks: string[] = [];
  if (opts.withTitle !== false) blocks.push(m.title);
  blocks.push([m.lead, ...m.alerts.map((a) => `- ${a}`)].join('\n'));
  if (m.facts.length) blocks.push(m.facts.map((f) => `${f.label}: ${f.value}`).join('\n'));
  if (m.contacts.length) blocks.push([`${m.headings.whomToCall}:`, ...m.contacts.map((c) => `- ${c}`)].join('\n'));
  if (m.glossary.length) blocks.push([`${m.headings.whatItMeans}:`, ...m.glossary.map((g) => `- ${g}`)].join('\n'));
  if (m.link) blocks.push(`${m.link.label}: ${m.link.url}`);
  blocks.push(m.footer);
  return blocks.join('\n\n');
}

/** Text cut to `max` characters with an ellipsis (services reject longer fields). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
