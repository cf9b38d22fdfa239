// Metric names in the two languages, for the sentences the engine writes itself (timeline
// lines, post-mortem exports). The same words as the renderer's catalogue (a unit test keeps
// them equal), so a breach reads "CPU 사용률 97.3 %" in the room, never "cpu.usage 97.3".
import type { IncidentLang } from '../../../shared/incidents';
import { METRICS, type MetricKey } from '../../../shared/model';

export const METRIC_NAMES: Record<MetricKey, Record<IncidentLang, string>> = {
  'cpu.usage': { ko: 'CPU 사용률', en: 'CPU usage' },
  'cpu.iowait': { ko: 'I/O 대기', en: 'I/O wait' },
  'cpu.steal': { ko: 'CPU 스틸', en: 'CPU steal' },
  'cpu.cores': { ko: 'CPU 코어 수', en: 'CPU cores' },
  'mem.used': { ko: '메모리 사용률', en: 'Memory usage' },
  'mem.usedBytes': { ko: '사용 중인 메모리', en: 'Memory used' },
  'mem.totalBytes': { ko: '전체 메모리', en: 'Total memory' },
  'swap.used': { ko: '스왑 사용률', en: 'Swap usage' },
  'swap.usedBytes': { ko: '사용 중인 스왑', en: 'Swap used' },
  'swap.totalBytes': { ko: '전체 스왑', en: 'Total swap' },
  'load.1': { ko: '부하 (1분)', en: 'Load (1 min)' },
  'load.5': { ko: '부하 (5분)', en: 'Load (5 min)' },
  'load.15': { ko: '부하 (15분)', en: 'Load (15 min)' },
  'load.perCore': { ko: '코어당 부하', en: 'Load per core' },
  'disk.used': { ko: '디스크 사용률', en: 'Disk usage' },
  'disk.readBps': { ko: '디스크 읽기', en: 'Disk read' },
  'disk.writeBps': { ko: '디스크 쓰기', en: 'Disk write' },
  'disk.readIops': { ko: '디스크 읽기 IOPS', en: 'Disk read IOPS' },
  'disk.writeIops': { ko: '디스크 쓰기 IOPS', en: 'Disk write IOPS' },
  'net.rxBps': { ko: '네트워크 수신', en: 'Network in' },
  'net.txBps': { ko: '네트워크 송신', en: 'Network out' },
  uptime: { ko: '가동 시간', en: 'Uptime' },
};

const UNIT_OF = new Map(METRICS.map((m) => [m.key, m.unit]));

/** "CPU 사용률", "/var 사용률" for a series key (`fs.used:/var`), in one language. */
export function metricName(key: string, lang: IncidentLang): string {
  if (key.startsWith('fs.used:')) return lang === 'ko' ? `${key.slice('fs.used:'.length)} 사용률` : `${key.slice('fs.used:'.length)} usage`;
  return METRIC_NAMES[key as MetricKey]?.[lang] ?? key;
}

/** A reading with its unit where it has a short one: "97.3 %", "3.2". */
export function metricValue(key: string, value: number): string {
  const rounded = Math.round(value * 10) / 10;
  const unit = key.startsWith('fs.used:') ? 'percent' : UNIT_OF.get(key as MetricKey);
  return unit === 'percent' ? `${rounded} %` : String(rounded);
}
