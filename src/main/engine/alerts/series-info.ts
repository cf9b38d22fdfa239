// What a notification says about the series an alert watches: its label in both languages, its
// unit and its glossary entry, from the kind's descriptor; filesystems and the derived series
// (forecast, down) are named here.
import type { LocalizedText } from '../../../shared/checks';
import type { MetricUnit } from '../../../shared/model';
import { kindModule } from '../collectors/registry';

export interface SeriesInfo {
  glossaryId: string | null;
  unit: MetricUnit | null;
  label: LocalizedText;
}

export function seriesInfo(kind: string, key: string): SeriesInfo | null {
  if (key.startsWith('fs.used:')) {
    const mount = key.slice('fs.used:'.length);
    return { glossaryId: 'disk-usage', unit: 'percent', label: { ko: `${mount} 사용률`, en: `${mount} usage` } };
  }
  if (key.startsWith('fs.fullIn:')) {
    const mount = key.slice('fs.fullIn:'.length);
    return { glossaryId: 'disk-usage', unit: 'seconds', label: { ko: `${mount}이(가) 가득 찰 때까지`, en: `Time until ${mount} is full` } };
  }
  if (key === 'target.down') return { glossaryId: 'status-unknown', unit: 'count', label: { ko: '서비스 응답 없음', en: 'Service down' } };
  const def = kindModule(kind)?.descriptor.series.find((s) => s.key === key);
  return def ? { glossaryId: def.glossaryId, unit: def.unit, label: def.label } : null;
}
