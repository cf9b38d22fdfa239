// Who to call for each affected service: owners and contacts come from the service catalog
// (서버 목록 > 서비스), matched by the service's id or name, so nobody has to look them up mid-incident.
import { useEffect } from 'react';
import type { Incident } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { matchService } from './service-match';

export function ServiceContacts({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  const inventory = useAppStore((s) => s.inventory);
  const ensureInventory = useAppStore((s) => s.ensureInventory);
  useEffect(() => ensureInventory(), [ensureInventory]);
  if (incident.services.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="contacts-title" data-testid="service-contacts">
      <h2 id="contacts-title">{t('contacts.title')}</h2>
      <ul className="share-fields">
        {incident.services.map((ref) => {
          const service = inventory ? matchService(inventory.services, ref) : null;
          return (
            <li key={ref} data-testid={`service-contact-${ref}`}>
              <strong>{service?.name ?? ref}</strong>
              {service ? (
                <span>
                  {' '}
                  — {t('contacts.owner')}: {service.owner || t('contacts.none')} · {t('contacts.contact')}: {service.contact || t('contacts.none')}
                </span>
              ) : (
                <span className="hint"> — {inventory ? t('contacts.notInCatalog') : t('contacts.loading')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
