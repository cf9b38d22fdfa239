// "Start incident" on a host page: opens the start dialog prefilled from this host's reading.
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { StartIncidentDialog, type StartFrom } from './start-incident-dialog';

export function StartIncidentButton({ targetId }: { targetId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const from = useMemo<StartFrom>(() => ({ kind: 'host', targetId }), [targetId]);
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)} data-testid="host-start-incident">
        <span aria-hidden="true">■ </span>
        {t('start.button')}
      </button>
      {open && <StartIncidentDialog from={from} onClose={() => setOpen(false)} />}
    </>
  );
}
