// Every sentence a notification can contain, in Korean (합니다체) and English. Functions, not
// templates: a missing parameter is a compile error, and no placeholder can reach a message.
// Values (names, numbers, times) come in as arguments and are never translated.
import { josa } from 'es-hangul';
import type { AlertSeverity, ChannelLanguage, NotificationEvent } from '../../../../shared/notifications';

export interface Texts {
  severity: Record<AlertSeverity, string>;
  /** The bracketed tag at the start of a title. */
  tag(event: NotificationEvent, severity: AlertSeverity | null, level: number): string;
  /** A short headline for one alert. */
  headlineAbove(metric: string): string;
  headlineBelow(metric: string): string;
  headlineResolved(metric: string): string;
  headlineUnknown(metric: string): string;
  headlineRule(rule: string): string;
  headlineMany(count: number): string;
  /** The sentence on top: what this notification is about. */
  lead(event: NotificationEvent, count: number, escalationLevel: number): string;
  above(target: string, metric: string, value: string, threshold: string): string;
  below(target: string, metric: string, value: string, threshold: string): string;
  ruleFired(target: string, rule: string, value: string | null): string;
  backToNormal(target: string, metric: string, value: string | null): string;
  noData(target: string, metric: string): string;
  acknowledgedBy(who: string): string;
  note(text: string): string;
  since(time: string, duration: string): string;
  lasted(duration: string): string;
  diskFullIn(duration: string): string;
  usually(value: string): string;
  /** Fact labels. */
  labelSeverity: string;
  labelTarget: string;
  labelSince: string;
  labelService: string;
  labelOwner: string;
  labelContact: string;
  labelLevel: string;
  labelIncident: string;
  whomToCall: string;
  whatItMeans: string;
  level(n: number): string;
  targetKind(kind: string): string | null;
  targetWithKind(name: string, kind: string): string;
  contactLine(name: string, role: string | null, contact: string | null): string;
  glossaryLine(term: string, text: string): string;
  openInConsole: string;
  testTitle: string;
  testLead(channel: string): string;
  testNote: string;
  footer(time: string): string;
  noService: string;
  duration(ms: number): string;
}

/** How the last character is read aloud in Korean: no final consonant, ㄹ, or another one. */
function finalSound(ch: string): 'none' | 'rieul' | 'other' {
  if (/[0-9]/.test(ch)) return ({ '0': 'other', '1': 'rieul', '3': 'other', '6': 'other', '7': 'rieul', '8': 'rieul' } as Record<string, 'other' | 'rieul'>)[ch] ?? 'none';
  if (/[lr]/i.test(ch)) return 'rieul';
  if (/[mn]/i.test(ch)) return 'other';
  return 'none';
}

/** 이/가, 은/는, 으로/로 after a word, also after digits and Latin letters (as read aloud). */
export function particle(word: string, pair: '이/가' | '은/는' | '으로/로'): string {
  const base = word.trim();
  // "부하 (1분)" is read up to "분": brackets and punctuation at the end do not count.
  const last = [...base].reverse().find((c) => /[가-힣0-9A-Za-z%]/.test(c));
  if (!last) return base;
  if (/[가-힣]/.test(last)) return base + josa.pick(last, pair);
  const sound = finalSound(last);
  const [withFinal, withoutFinal] = pair.split('/') as [string, string];
  if (pair === '으로/로') return base + (sound === 'other' ? withFinal : withoutFinal);
  return base + (sound === 'none' ? withoutFinal : withFinal);
}

function koDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '1분 미만';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d && `${d}일`, h && `${h}시간`, m && `${m}분`].filter(Boolean).join(' ');
}

function enDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean).join(' ');
}

const ko: Texts = {
  severity: { critical: '심각', warning: '경고', info: '알림' },
  tag(event, severity, level) {
    const sev = severity ? this.severity[severity] : '알림';
    switch (event) {
      case 'firing':
        return `[${sev}]`;
      case 'repeat':
        return `[${sev} · 계속]`;
      case 'escalated':
        return `[${sev} · ${level}단계 호출]`;
      case 'acknowledged':
        return '[확인됨]';
      case 'resolved':
        return '[해결]';
      case 'unknown':
        return '[상태 모름]';
      case 'test':
        return '[테스트]';
    }
  },
  headlineAbove: (metric) => `${metric} 높음`,
  headlineBelow: (metric) => `${metric} 낮음`,
  headlineResolved: (metric) => `${metric} 정상`,
  headlineUnknown: (metric) => `${metric} 값 없음`,
  headlineRule: (rule) => rule,
  headlineMany: (count) => `알림 ${count}건`,
  lead(event, count, level) {
    const many = count > 1 ? ` 모두 ${count}건입니다.` : '';
    switch (event) {
      case 'firing':
        return `문제가 생겼습니다.${many}`;
      case 'repeat':
        return `아직 해결되지 않았습니다.${many}`;
      case 'escalated':
        return `확인한 사람이 없어 ${level}단계 담당자에게 알립니다.${many}`;
      case 'acknowledged':
        return `담당자가 확인했습니다.${many}`;
      case 'resolved':
        return `정상으로 돌아왔습니다.${many}`;
      case 'unknown':
        return `데이터를 받지 못해 상태를 알 수 없습니다.${many}`;
      case 'test':
        return '테스트 알림입니다.';
    }
  },
  above: (target, metric, value, threshold) => `${target}의 ${particle(metric, '이/가')} ${particle(value, '으로/로')} 기준인 ${threshold}보다 높습니다.`,
  below: (target, metric, value, threshold) => `${target}의 ${particle(metric, '이/가')} ${particle(value, '으로/로')} 기준인 ${threshold}보다 낮습니다.`,
  ruleFired: (target, rule, value) => (value ? `${target}에서 '${rule}' 규칙이 울렸습니다. 지금 값은 ${value}입니다.` : `${target}에서 '${rule}' 규칙이 울렸습니다.`),
  backToNormal: (target, metric, value) =>
    value ? `${target}의 ${particle(metric, '이/가')} ${particle(value, '으로/로')} 정상 범위로 돌아왔습니다.` : `${target}의 ${particle(metric, '이/가')} 정상 범위로 돌아왔습니다.`,
  noData: (target, metric) => `${target}의 ${metric} 값을 받지 못하고 있습니다. 수집이 멈췄거나 연결이 끊겼을 수 있습니다.`,
  acknowledgedBy: (who) => `${who} 님이 확인했습니다.`,
  note: (text) => `메모: ${text}`,
  since: (time, duration) => `${time}부터 ${duration}째 이어지고 있습니다.`,
  lasted: (duration) => `${duration} 동안 이어졌습니다.`,
  diskFullIn: (duration) => `지금 속도라면 약 ${duration} 뒤 가득 찹니다.`,
  usually: (value) => `평소에는 ${value} 안팎입니다.`,
  labelSeverity: '심각도',
  labelTarget: '대상',
  labelSince: '시작',
  labelService: '서비스',
  labelOwner: '담당',
  labelContact: '연락처',
  labelLevel: '호출 단계',
  labelIncident: '장애',
  whomToCall: '연락할 사람',
  whatItMeans: '용어 설명',
  level: (n) => `${n}단계`,
  targetKind: (kind) => ({ local: '이 컴퓨터', ssh: '서버', postgres: '데이터베이스', mysql: '데이터베이스' })[kind] ?? null,
  targetWithKind: (name, kind) => `${name} (${kind})`,
  contactLine: (name, role, contact) => [role ? `${name} (${role})` : name, contact].filter(Boolean).join(' · '),
  glossaryLine: (term, text) => `${term}: ${text}`,
  openInConsole: 'OpsDeck에서 보기',
  testTitle: 'OpsDeck 알림 채널 확인',
  testLead: (channel) => `'${channel}' 채널로 보낸 테스트 알림입니다.`,
  testNote: '이 메시지가 보이면 장애 알림도 이곳으로 제대로 도착합니다. 따로 할 일은 없습니다.',
  footer: (time) => `OpsDeck · ${time}`,
  noService: '서비스 미지정',
  duration: koDuration,
};

const en: Texts = {
  severity: { critical: 'Critical', warning: 'Warning', info: 'Info' },
  tag(event, severity, level) {
    const sev = severity ? this.severity[severity] : 'Alert';
    switch (event) {
      case 'firing':
        return `[${sev}]`;
      case 'repeat':
        return `[${sev} · still firing]`;
      case 'escalated':
        return `[${sev} · level ${level}]`;
      case 'acknowledged':
        return '[Acknowledged]';
      case 'resolved':
        return '[Resolved]';
      case 'unknown':
        return '[Unknown]';
      case 'test':
        return '[Test]';
    }
  },
  headlineAbove: (metric) => `${metric} high`,
  headlineBelow: (metric) => `${metric} low`,
  headlineResolved: (metric) => `${metric} back to normal`,
  headlineUnknown: (metric) => `no data for ${metric}`,
  headlineRule: (rule) => rule,
  headlineMany: (count) => `${count} alerts`,
  lead(event, count, level) {
    const many = count > 1 ? ` (${count} alerts)` : '';
    switch (event) {
      case 'firing':
        return `Something is wrong${many}.`;
      case 'repeat':
        return `This is still not resolved${many}.`;
      case 'escalated':
        return `Nobody has acknowledged this yet, so level ${level} is being called${many}.`;
      case 'acknowledged':
        return `Someone is on it${many}.`;
      case 'resolved':
        return `Back to normal${many}.`;
      case 'unknown':
        return `No data is coming in, so the state is unknown${many}.`;
      case 'test':
        return 'This is a test notification.';
    }
  },
  above: (target, metric, value, threshold) => `${metric} on ${target} is ${value}, above the limit of ${threshold}.`,
  below: (target, metric, value, threshold) => `${metric} on ${target} is ${value}, below the limit of ${threshold}.`,
  ruleFired: (target, rule, value) => (value ? `Rule '${rule}' fired on ${target}. The value now is ${value}.` : `Rule '${rule}' fired on ${target}.`),
  backToNormal: (target, metric, value) => (value ? `${metric} on ${target} is back to normal at ${value}.` : `${metric} on ${target} is back to normal.`),
  noData: (target, metric) => `No readings of ${metric} are coming from ${target}. Collection may have stopped or the connection may be down.`,
  acknowledgedBy: (who) => `${who} acknowledged it.`,
  note: (text) => `Note: ${text}`,
  since: (time, duration) => `Going on since ${time} (${duration}).`,
  lasted: (duration) => `It lasted ${duration}.`,
  diskFullIn: (duration) => `At this rate it will be full in about ${duration}.`,
  usually: (value) => `It is usually around ${value}.`,
  labelSeverity: 'Severity',
  labelTarget: 'Target',
  labelSince: 'Since',
  labelService: 'Service',
  labelOwner: 'Owner',
  labelContact: 'Contact',
  labelLevel: 'Escalation',
  labelIncident: 'Incident',
  whomToCall: 'Whom to call',
  whatItMeans: 'What this means',
  level: (n) => `level ${n}`,
  targetKind: (kind) => ({ local: 'this computer', ssh: 'server', postgres: 'database', mysql: 'database' })[kind] ?? null,
  targetWithKind: (name, kind) => `${name} (${kind})`,
  contactLine: (name, role, contact) => [role ? `${name} (${role})` : name, contact].filter(Boolean).join(' · '),
  glossaryLine: (term, text) => `${term}: ${text}`,
  openInConsole: 'Open in OpsDeck',
  testTitle: 'OpsDeck notification channel check',
  testLead: (channel) => `This is a test from OpsDeck to the channel '${channel}'.`,
  testNote: 'If you can read this, alerts will arrive here too. Nothing else to do.',
  footer: (time) => `OpsDeck · ${time}`,
  noService: 'No service',
  duration: enDuration,
};

export const TEXTS: Record<ChannelLanguage, Texts> = { ko, en };
