// One plain sentence per timeline entry, in Korean or English, for the incident room and the
// post-mortem timeline.
import type { IncidentLang, IncidentRole, IncidentSource, Playbook, TimelineEntry } from '../../../shared/incidents';
import { metricName, metricValue } from './metric-names';
import { itemText, stageName } from './playbook';

export const ROLE_NAMES: Record<IncidentRole, { ko: string; en: string }> = {
  commander: { ko: '대응 총괄(IC)', en: 'Incident commander' },
  communications: { ko: '커뮤니케이션 담당', en: 'Communications lead' },
  scribe: { ko: '기록 담당', en: 'Scribe' },
  resolver: { ko: '작업 담당자', en: 'Resolver' },
};

function sourceText(source: IncidentSource, lang: IncidentLang): string {
  const ko = lang === 'ko';
  switch (source.kind) {
    case 'manual':
      return ko ? '수동 등록' : 'opened by hand';
    case 'host':
      // The title names the host; its internal id says nothing to a reader.
      return ko ? '호스트 화면에서 시작' : 'started from a host page';
    case 'service':
      return ko ? `서비스 ${source.serviceId}에서 시작` : `from service ${source.serviceId}`;
    case 'threshold': {
      const reading = `${metricName(source.metric, lang)} ${metricValue(source.metric, source.value)}`;
      const threshold = metricValue(source.metric, source.threshold);
      return ko ? `${reading}, 임계치 ${threshold} 넘음` : `${reading}, past the ${threshold} threshold`;
    }
  }
}

function fieldLabel(playbook: Playbook, fieldId: string, lang: IncidentLang): string {
  for (const stage of playbook.stages) {
    const f = stage.share.find((s) => s.id === fieldId);
    if (f) return f.label[lang];
  }
  return fieldId;
}

export function describeTimelineEntry(entry: TimelineEntry, playbook: Playbook, lang: IncidentLang): string {
  const ko = lang === 'ko';
  const withReason = (text: string, reason: string | null) => (reason ? `${text} (${ko ? '사유' : 'reason'}: ${reason})` : text);
  switch (entry.kind) {
    case 'created':
      return ko ? `장애 등록: "${entry.title}" · ${entry.severity} · ${sourceText(entry.source, lang)}` : `Incident opened: "${entry.title}" · ${entry.severity} · ${sourceText(entry.source, lang)}`;
    case 'acknowledged':
      return ko ? '확인 처리됨' : 'Acknowledged';
    case 'severity-changed':
      return withReason(ko ? `심각도 변경: ${entry.from} → ${entry.to}` : `Severity changed: ${entry.from} → ${entry.to}`, entry.reason);
    case 'role-assigned': {
      const role = ROLE_NAMES[entry.role][lang];
      const prev = entry.previous ? (ko ? ` (이전: ${entry.previous})` : ` (was ${entry.previous})`) : '';
      return `${role}: ${entry.person}${prev}`;
    }
    case 'role-released':
      return ko ? `${ROLE_NAMES[entry.role][lang]} 해제: ${entry.person}` : `${ROLE_NAMES[entry.role][lang]} released: ${entry.person}`;
    case 'item-checked': {
      const auto = entry.auto ? (ko ? ' (자동)' : ' (automatic)') : '';
      const text = `${ko ? '완료' : 'Done'}: ${itemText(playbook, entry.itemId, lang)}${auto}`;
      return entry.note ? `${text} — ${entry.note}` : text;
    }
    case 'item-skipped':
      return withReason(`${ko ? '건너뜀' : 'Skipped'}: ${itemText(playbook, entry.itemId, lang)}`, entry.reason);
    case 'item-unchecked':
      return withReason(`${ko ? '완료 취소' : 'Unchecked'}: ${itemText(playbook, entry.itemId, lang)}`, entry.reason);
    case 'stage-advanced':
      return ko ? `다음 단계: ${stageName(playbook, entry.to, lang)}` : `Moved to ${stageName(playbook, entry.to, lang)}`;
    case 'note':
      return `${ko ? '메모' : 'Note'}: ${entry.text}`;
    case 'status-update': {
      const audience = entry.audience === 'customer' ? (ko ? '고객' : 'Customer') : ko ? '사내' : 'Internal';
      return ko ? `${audience} 업데이트 게시: ${entry.message}` : `${audience} update posted: ${entry.message}`;
    }
    case 'metrics-attached':
      return ko ? `지표 스냅숏 첨부: ${entry.snapshot.targetId}` : `Metrics snapshot attached: ${entry.snapshot.targetId}`;
    case 'logs-attached': {
      const { source, host, lines } = entry.evidence;
      const where = host ? `${host} · ${source}` : source;
      const first = lines[0]!.text.split('\n')[0]!.slice(0, 200);
      return ko ? `로그 ${lines.length}줄 첨부 (${where}): ${first}` : `${lines.length} log line${lines.length === 1 ? '' : 's'} attached (${where}): ${first}`;
    }
    case 'details-updated':
      return `${ko ? '정보 변경' : 'Details changed'}: ${entry.changes.map((c) => `${c.field} "${c.from}" → "${c.to}"`).join(', ')}`;
    case 'field-set':
      return `${fieldLabel(playbook, entry.fieldId, lang)}: ${entry.value === '' ? (ko ? '(지움)' : '(cleared)') : entry.value}`;
    case 'recovery-started':
      return entry.note ? `${ko ? '복구 착수' : 'Recovery started'}: ${entry.note}` : ko ? '복구 착수' : 'Recovery started';
    case 'resolved':
      return entry.note ? `${ko ? '복구 완료' : 'Resolved'}: ${entry.note}` : ko ? '복구 완료' : 'Resolved';
    case 'closed':
      return ko ? '장애 종료' : 'Incident closed';
    case 'reopened':
      return ko
        ? `다시 열림 → ${stageName(playbook, entry.toStage, lang)} (사유: ${entry.reason})`
        : `Reopened at ${stageName(playbook, entry.toStage, lang)} (reason: ${entry.reason})`;
  }
}
