import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

/** The wall's incidents page: active ones, worst first, in letters readable across the room. */
export function WallIncidents() {
  const { t, language } = useI18n();
  const list = useAppStore((s) => s.incidentList);
  const active = list.filter((i) => i.status === 'active');
  if (active.length === 0) return <p className="wall-incidents-empty">{t('wall.noIncidents')}</p>;
  const sorted = [...active].sort((a, b) => a.severity.localeCompare(b.severity) || a.detectedAt - b.detectedAt);
  return (
    <ol className="wall-incidents" data-testid="wall-incidents">
      {sorted.map((i) => (
        <li key={i.id} className={`wall-incident sev-${i.severity}`}>
          <span className="wall-incident-sev">{i.severity}</span>
          <span className="wall-incident-title">{i.title}</span>
          <span className="wall-incident-stage">{i.stageName[language]}</span>
        </li>
      ))}
    </ol>
  );
}
