import './channels.css';
// Where alerts go: the notification channels with add / edit / test / delete, this browser's
// desktop notifications, and the delivery log. Shown in the Settings screen's Channels tab.
import { useEffect, useState } from 'react';
import type { ChannelRecord, ChannelTestResult } from '../../../../shared/channels';
import { textIn } from '../../domain/kinds';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { ChannelForm, TestResult } from './channel-form';
import { draftFromRecord, inputFromDraft, type ChannelDraft } from './channel-form-model';
import { DeliveryLog } from './delivery-log';
import { deliveryCodeText, outcomeText } from './delivery-text';
import { DesktopPermission } from './desktop-permission';

function LastDelivery({ channel }: { channel: ChannelRecord }) {
  const { t, fmt } = useI18n();
  const last = channel.lastDelivery;
  if (!last) return <span className="muted">{t('channels.never')}</span>;
  return (
    <span className={`delivery-${last.outcome}`} title={last.code ? deliveryCodeText(t, last.code, null) : undefined}>
      {outcomeText(t, last.outcome)} <small className="muted">{fmt.dateTime(last.at)}</small>
    </span>
  );
}

export function ChannelsPanel() {
  const { t, language } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const channels = useAppStore((s) => s.channels);
  const status = useAppStore((s) => s.channelsStatus);
  const error = useAppStore((s) => s.channelsError);
  const types = useAppStore((s) => s.channelTypes);
  const ensure = useAppStore((s) => s.ensureChannels);
  const ensureInventory = useAppStore((s) => s.ensureInventory);
  const reload = useAppStore((s) => s.loadChannels);
  const deleteChannel = useAppStore((s) => s.deleteChannel);
  const testChannel = useAppStore((s) => s.testChannel);
  const [form, setForm] = useState<{ draft: ChannelDraft | null } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, ChannelTestResult | 'busy'>>({});

  useEffect(() => {
    ensure();
    // The form says where secrets are kept on this computer: the inventory knows.
    ensureInventory();
  }, [ensure, ensureInventory]);

  const sendTest = async (c: ChannelRecord) => {
    const type = types.find((x) => x.type === c.type);
    if (!type) return;
    setTests((s) => ({ ...s, [c.id]: 'busy' }));
    try {
      const result = await testChannel(inputFromDraft(draftFromRecord(c, type), type));
      setTests((s) => ({ ...s, [c.id]: result }));
    } catch (err) {
      const e = err as { code: string; message: string };
      setTests((s) => ({ ...s, [c.id]: { ok: false, code: e.code, status: null, detail: null, field: null } }));
    }
  };

  let body;
  if (channels === null) {
    body = status === 'error' && error ? <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void reload()} testId="channels-error" /> : <LoadingState text={t('channels.loading')} testId="channels-loading" />;
  } else if (channels.length === 0) {
    body = (
      <p className="inv-muted" data-testid="channels-empty">
        {t('channels.empty')}
      </p>
    );
  } else {
    body = (
      <table className="data-table" data-testid="channels-list">
        <thead>
          <tr>
            <th scope="col">{t('channels.col.name')}</th>
            <th scope="col">{t('channels.col.type')}</th>
            <th scope="col">{t('channels.col.destination')}</th>
            <th scope="col">{t('channels.col.language')}</th>
            <th scope="col">{t('channels.col.last')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('channels.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => {
            const type = types.find((x) => x.type === c.type);
            const missingSecret = type?.fields.some((f) => f.input === 'secret' && f.required && !c.hasSecret[f.key]);
            const test = tests[c.id];
            return (
              <tr key={c.id} data-testid={`channel-row-${c.id}`}>
                <td>
                  {c.name}
                  {!c.enabled && <small className="muted"> · {t('channels.off')}</small>}
                  {missingSecret && <small className="field-error"> {t('channels.secretMissing')}</small>}
                  {test && test !== 'busy' && <TestResult result={test} />}
                  {test === 'busy' && (
                    <p role="status">
                      <span className="spinner" aria-hidden="true" /> {t('channelForm.testing')}
                    </p>
                  )}
                </td>
                <td>{type ? textIn(language, type.name) : c.type}</td>
                <td>{c.destination ? <code>{c.destination}</code> : <span className="muted">—</span>}</td>
                <td>{t(`channels.language.${c.language}`)}</td>
                <td>
                  <LastDelivery channel={c} />
                </td>
                <td className="button-row">
                  {type && (
                    <button type="button" className="btn btn-small" disabled={test === 'busy'} onClick={() => void sendTest(c)} data-testid={`channel-test-${c.id}`}>
                      {t('channels.test')}
                    </button>
                  )}
                  {type && (
                    <button type="button" className="btn btn-small" onClick={() => setForm({ draft: draftFromRecord(c, type) })} data-testid={`channel-edit-${c.id}`}>
                      {t('channels.edit')}
                    </button>
                  )}
                  {confirming === c.id ? (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void deleteChannel(c.id).finally(() => setConfirming(null))} data-testid={`channel-delete-confirm-${c.id}`}>
                      {t('channels.deleteConfirm')}
                    </button>
                  ) : (
                    <button type="button" className="btn btn-small" onClick={() => setConfirming(c.id)} data-testid={`channel-delete-${c.id}`}>
                      {t('channels.delete')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }

  return (
    <section className="panel channels-panel" data-testid="channels-panel" aria-labelledby="channels-title">
      <div className="section-head">
        <h2 id="channels-title">{t('channels.title')}</h2>
        {types.length > 0 && (
          <button type="button" className="btn btn-primary" onClick={() => setForm({ draft: null })} data-testid="channels-add">
            {t('channels.add')}
          </button>
        )}
      </div>
      <p className="inv-muted">{t('channels.intro')}</p>
      {body}
      <DesktopPermission />
      <DeliveryLog />
      {form && types.length > 0 && <ChannelForm types={types} initial={form.draft} onClose={() => setForm(null)} />}
    </section>
  );
}
