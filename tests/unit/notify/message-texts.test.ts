// The one formatter's words: plain Korean (합니다체) or English by channel setting, every event,
// no placeholder, no raw key, no English left in a Korean message except names and values.
import { describe, expect, it } from 'vitest';
import type { AlertNotification, ChannelLanguage, NotificationEvent } from '../../../src/shared/notifications';
import { formatMessage, plainText, type FormattedMessage } from '../../../src/main/engine/notify/message/format';
import { particle } from '../../../src/main/engine/notify/message/texts';
import { formatValue } from '../../../src/main/engine/notify/message/values';
import { AT, FIRING_SINCE, memoryAlert, notification } from '../../support/notifications';

const EVENTS: NotificationEvent[] = ['firing', 'repeat', 'escalated', 'acknowledged', 'resolved', 'unknown', 'test'];
const TZ = 'Asia/Seoul';

/** Every variety of notification the alert engine sends. */
function variants(): Array<{ label: string; n: AlertNotification }> {
  const out: Array<{ label: string; n: AlertNotification }> = [];
  for (const event of EVENTS) {
    out.push({ label: `${event} single`, n: notification({ event, escalationLevel: event === 'escalated' ? 2 : 0 }) });
    out.push({
      label: `${event} many`,
      n: notification({
        event,
        service: null,
        alerts: [
          memoryAlert({ state: event === 'resolved' ? 'resolved' : event === 'acknowledged' ? 'acknowledged' : 'firing', resolvedAt: event === 'resolved' ? AT : null, acknowledgedBy: '박지훈', note: '재시작 예정' }),
          memoryAlert({
            alertId: 'a-disk',
            ruleName: 'disk-full-soon',
            severity: 'warning',
            target: { id: 'db-01', name: 'db-01', kind: 'postgres' },
            series: { key: 'fs.used:/var', glossaryId: 'disk-usage', unit: 'bytes', label: { ko: '디스크 사용량', en: 'Disk used' } },
            value: 1.5 * 1024 ** 3,
            threshold: 1024 ** 3,
            detail: { etaMs: 6 * 3600_000, usual: 800 * 1024 ** 2, unknownKey: 'x' },
          }),
          memoryAlert({ alertId: 'a-rule', ruleName: 'backup-job-late', series: null, value: 3, threshold: null, direction: null, firingSince: null }),
        ],
        contacts: [],
        glossary: {},
      }),
    });
  }
  return out;
}

function allStrings(m: FormattedMessage): string[] {
  return [m.title, m.lead, ...m.alerts, ...m.facts.flatMap((f) => [f.label, f.value]), ...m.contacts, ...m.glossary, m.footer, m.headings.whomToCall, m.headings.whatItMeans, m.link?.label ?? '', plainText(m)];
}

/** Names and values as the notification carries them: they stay as typed, in any language. */
function valuesOf(n: AlertNotification, language: ChannelLanguage): string[] {
  const values = [
    'OpsDeck',
    n.service?.name,
    n.service?.owner,
    n.service?.contact,
    n.link,
    n.incidentId,
    ...n.contacts.flatMap((c) => [c.name, c.role, c.contact]),
    ...Object.values(n.glossary).map((g) => g[language]),
    ...n.alerts.flatMap((a) => [
      a.target.name,
      a.ruleName,
      a.series?.label?.[language],
      a.acknowledgedBy,
      a.note,
      a.value === null ? null : formatValue(a.value, a.series?.unit ?? null, language),
      a.threshold === null ? null : formatValue(a.threshold, a.series?.unit ?? null, language),
      typeof a.detail.usual === 'number' ? formatValue(a.detail.usual, a.series?.unit ?? null, language) : null,
    ]),
  ];
  return values.filter((v): v is string => !!v).sort((a, b) => b.length - a.length);
}

function withoutValues(text: string, values: string[]): string {
  let out = text.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} [A-Z]{2,5}/g, ' ');
  for (const v of values) out = out.split(v).join(' ');
  return out;
}

describe('notification texts', () => {
  for (const { label, n } of variants()) {
    for (const language of ['ko', 'en'] as const) {
      it(`${label} in ${language}: no placeholder, no raw key, only ${language === 'ko' ? 'Korean' : 'English'} words around the values`, () => {
        const m = formatMessage(n, { language, timeZone: TZ, channelName: '운영팀 알림', now: AT });
        const texts = allStrings(m);
        for (const text of texts) {
          expect(text).not.toMatch(/\{\{|\}\}|\{[a-zA-Z]+\}|undefined|NaN|\bnull\b|\[object/);
          // Raw keys: series keys and detail keys (event and severity ids are English words, caught below in Korean).
          expect(text).not.toMatch(/mem\.used|fs\.used|etaMs|unknownKey|\busual\b/);
        }
        const rest = withoutValues(texts.join('\n'), [...valuesOf(n, language), '운영팀 알림']);
        if (language === 'ko') expect(rest, rest).not.toMatch(/[A-Za-z]/);
        else expect(rest, rest).not.toMatch(/[가-힣]/);
      });
    }
  }

  it('writes Korean sentences in 합니다체', () => {
    for (const { n } of variants()) {
      const m = formatMessage(n, { language: 'ko', timeZone: TZ, channelName: '운영팀', now: AT });
      const sentences = [m.lead, ...m.alerts].flatMap((s) => s.split(/(?<=\.)\s+/)).filter(Boolean);
      // A note is a label and the person's own words, not a sentence of ours.
      for (const s of sentences.filter((x) => !x.startsWith('메모: '))) expect(s, s).toMatch(/니다\.$/);
    }
  });

  it('says what is wrong, since when, how bad, who owns it, whom to call, what the glossary says and where to look', () => {
    const m = formatMessage(notification(), { language: 'ko', timeZone: TZ, channelName: '운영팀', now: AT });
    expect(m.title).toBe('[심각] 결제 서비스: 메모리 사용률 높음');
    expect(m.alerts[0]).toBe('결제 웹서버 1의 메모리 사용률이 92.3%로 기준인 80%보다 높습니다. 2026-12-06 20:52 KST부터 23분째 이어지고 있습니다.');
    expect(m.facts).toEqual([
      { label: '심각도', value: '심각' },
      { label: '대상', value: '결제 웹서버 1 (서버)' },
      { label: '시작', value: '2026-12-06 20:52 KST' },
      { label: '서비스', value: '결제 서비스' },
      { label: '담당', value: '결제플랫폼팀' },
      { label: '연락처', value: '02-1234-5678' },
    ]);
    expect(m.contacts).toEqual(['김민수 (현장 지휘자) · 010-2222-3333', '이서연 · seoyeon@example.co.kr']);
    expect(m.glossary).toEqual(['메모리 사용률: 프로그램들이 쓰고 있는 메모리의 비율입니다.']);
    expect(m.link).toEqual({ label: 'OpsDeck에서 보기', url: 'https://opsdeck.example.co.kr/#/alerts/a-mem-web01' });
    const en = formatMessage(notification(), { language: 'en', timeZone: TZ, channelName: 'ops', now: AT });
    expect(en.title).toBe('[Critical] 결제 서비스: Memory usage high');
    expect(en.alerts[0]).toBe('Memory usage on 결제 웹서버 1 is 92.3%, above the limit of 80%. Going on since 2026-12-06 20:52 KST (23 min).');
  });

  it('tells a recovery how long it lasted and a forecast when the disk fills', () => {
    const resolved = formatMessage(notification({ event: 'resolved', status: 'ok', alerts: [memoryAlert({ state: 'resolved', value: 41, resolvedAt: FIRING_SINCE + 75 * 60_000 })] }), { language: 'ko', timeZone: TZ, channelName: 'x', now: AT });
    expect(resolved.title).toBe('[해결] 결제 서비스: 메모리 사용률 정상');
    expect(resolved.alerts[0]).toBe('결제 웹서버 1의 메모리 사용률이 41%로 정상 범위로 돌아왔습니다. 1시간 15분 동안 이어졌습니다.');
    const disk = formatMessage(notification({ alerts: [memoryAlert({ detail: { etaMs: 6 * 3600_000 } })] }), { language: 'ko', timeZone: TZ, channelName: 'x', now: AT });
    expect(disk.alerts[0]).toContain('지금 속도라면 약 6시간 뒤 가득 찹니다.');
  });

  it('puts the right particle after Hangul, digits, Latin letters and brackets', () => {
    expect(particle('메모리 사용률', '이/가')).toBe('메모리 사용률이');
    expect(particle('CPU 스틸', '이/가')).toBe('CPU 스틸이');
    expect(particle('디스크', '이/가')).toBe('디스크가');
    expect(particle('부하 (1분)', '이/가')).toBe('부하 (1분)이');
    expect(particle('92.3%', '으로/로')).toBe('92.3%로');
    expect(particle('3', '으로/로')).toBe('3으로');
    expect(particle('1', '으로/로')).toBe('1로');
    expect(particle('1.5 GiB', '으로/로')).toBe('1.5 GiB로');
    expect(particle('서버 10', '으로/로')).toBe('서버 10으로');
  });
});
