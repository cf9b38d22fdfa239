// What the screens know about the two host kinds (this computer, a server over SSH): one
// descriptor built from the shared METRICS table. The host page is their own; the descriptor
// serves everything generic (tiles, the CLI, alert rules, the glossary check).
import type { KindDescriptor, LocalizedText, SeriesDefinition } from '../../../shared/checks';
import { METRICS, type MetricKey } from '../../../shared/model';

/** Same words as the renderer's `metric.*` messages (a unit test holds them equal). */
export const HOST_SERIES_LABELS: Record<MetricKey, LocalizedText> = {
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

const HOST_SERIES: SeriesDefinition[] = METRICS.map((m) => ({
  key: m.key,
  unit: m.unit,
  glossaryId: m.glossaryId,
  label: HOST_SERIES_LABELS[m.key],
  ...(m.history === false ? { history: false as const } : {}),
}));

export function hostDescriptor(kind: 'local' | 'ssh' | 'prometheus-node' | 'zabbix-host', name: LocalizedText, defaultIntervalMs: number): KindDescriptor {
  return {
    kind,
    category: 'host',
    name,
    glossaryId: kind === 'ssh' ? 'ssh' : 'host',
    series: HOST_SERIES,
    charts: [
      { id: 'cpu', title: { ko: 'CPU', en: 'CPU' }, keys: ['cpu.usage', 'cpu.iowait', 'cpu.steal'], glossaryId: 'cpu-usage' },
      { id: 'memory', title: { ko: '메모리', en: 'Memory' }, keys: ['mem.used', 'swap.used'], glossaryId: 'memory-usage' },
      { id: 'load', title: { ko: '부하', en: 'Load' }, keys: ['load.perCore'], glossaryId: 'load-average' },
      { id: 'disk-io', title: { ko: '디스크 I/O', en: 'Disk I/O' }, keys: ['disk.readBps', 'disk.writeBps'], glossaryId: 'disk-io' },
      { id: 'network', title: { ko: '네트워크', en: 'Network' }, keys: ['net.rxBps', 'net.txBps'], glossaryId: 'network-throughput' },
    ],
    tables: [],
    facts: [
      { key: 'hostname', label: { ko: '호스트 이름', en: 'Host name' } },
      { key: 'os', label: { ko: '운영체제', en: 'Operating system' } },
      { key: 'kernel', label: { ko: '커널', en: 'Kernel' } },
      { key: 'arch', label: { ko: '아키텍처', en: 'Architecture' } },
    ],
    tile: ['cpu.usage', 'mem.used', 'disk.used', 'load.perCore'],
    form: [],
    defaultIntervalMs,
  };
}
