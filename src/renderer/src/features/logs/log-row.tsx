// One row of the live view: an event (time, level, text with the search highlighted, a
// checkbox to pick it as evidence) or a mark saying where the stream was not seamless. Text is
// always React text, never markup.
import { memo } from 'react';
import type { LogItem } from '../../../../shared/logs';
import { useI18n } from '../../i18n/use-i18n';
import { highlightParts } from './log-filter';
import { markText } from './log-marks';

interface Props {
  item: LogItem;
  search: string;
  selected: boolean;
  onToggle(seq: number): void;
}

export const LogRow = memo(function LogRow({ item, search, selected, onToggle }: Props) {
  const { t, fmt } = useI18n();
  if (item.type === 'mark') {
    return (
      <div className={`log-mark log-mark-${item.kind}`} role="note" data-testid="log-mark" data-kind={item.kind}>
        <span aria-hidden="true">⚑ </span>
        <span className="log-time">{fmt.time(item.ts, true)}</span> {markText(t, item)}
      </div>
    );
  }
  return (
    <div className={`log-row log-level-${item.level}${selected ? ' log-row-selected' : ''}`} data-testid="log-row" data-level={item.level} data-seq={item.seq}>
      <input type="checkbox" className="log-pick" checked={selected} onChange={() => onToggle(item.seq)} aria-label={t('logs.select')} />
      <span className="log-time">{fmt.time(item.ts, true)}</span>
      <span className="log-level" data-level={item.level}>
        {t(`logs.level.${item.level}`)}
      </span>
      <span className="log-text">
        {highlightParts(item.text, search).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
        {item.cut && <span className="log-cut"> [{t('logs.cut')}]</span>}
        {item.lines > 1 && <span className="log-multi"> · {t('logs.linesInEvent', { count: item.lines })}</span>}
      </span>
    </div>
  );
});
