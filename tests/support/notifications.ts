// AlertNotifications as the alert engine sends them, for channel and formatter tests: a
// critical memory alert on a named service with contacts and a glossary line, and variants.
import type { AlertNotification, NotifiedAlert } from '../../src/shared/notifications';

export const AT = Date.UTC(2026, 11, 6, 12, 15); // 21:15 KST
export const FIRING_SINCE = AT - 23 * 60_000;

export function memoryAlert(over: Partial<NotifiedAlert> = {}): NotifiedAlert {
  return {
    alertId: 'a-mem-web01',
    ruleName: 'memory-in-use',
    severity: 'critical',
    state: 'firing',
    target: { id: 'web-01', name: '결제 웹서버 1', kind: 'ssh' },
    series: { key: 'mem.used', glossaryId: 'memory-usage', unit: 'percent', label: { ko: '메모리 사용률', en: 'Memory usage' } },
    value: 92.34,
    threshold: 80,
    direction: 'above',
    firingSince: FIRING_SINCE,
    resolvedAt: null,
    acknowledgedBy: null,
    note: null,
    detail: {},
    ...over,
  };
}

export function notification(over: Partial<AlertNotification> = {}): AlertNotification {
  return {
    id: 'n-0001',
    event: 'firing',
    at: AT,
    service: { id: 'svc-pay', name: '결제 서비스', owner: '결제플랫폼팀', contact: '02-1234-5678' },
    status: 'crit',
    alerts: [memoryAlert()],
    escalationLevel: 0,
    contacts: [
      { name: '김민수', role: '현장 지휘자', contact: '010-2222-3333' },
      { name: '이서연', role: null, contact: 'seoyeon@example.co.kr' },
    ],
    glossary: { 'memory-usage': { ko: '프로그램들이 쓰고 있는 메모리의 비율입니다.', en: 'The share of memory programs are using.' } },
    link: 'https://opsdeck.example.co.kr/#/alerts/a-mem-web01',
    incidentId: null,
    ...over,
  };
}
