import './token.css';
import { useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { AccessState } from '../../api';
import type { ReadableValue } from '../../api/observable';
import { createTranslate } from '../../i18n/catalogue';

const KO = createTranslate('ko');
const EN = createTranslate('en');

/**
 * Shown instead of the console when the page has no token, or serve refused it. Both languages
 * at once: the person may not read the default one, and there is nothing to switch with yet.
 */
export function TokenScreen({ reason }: { reason: Exclude<AccessState, 'ok'> }) {
  return (
    <main className="token-screen" data-testid="token-screen" data-reason={reason}>
      {[KO, EN].map((t, i) => (
        <section className="token-card" lang={i === 0 ? 'ko' : 'en'} key={i}>
          <h1>{t(reason === 'missing' ? 'token.missingTitle' : 'token.rejectedTitle')}</h1>
          <p>{t(reason === 'missing' ? 'token.missingBody' : 'token.rejectedBody')}</p>
          <p>{t('token.howToFind')}</p>
        </section>
      ))}
    </main>
  );
}

/** Renders the console while the page may use it, else the token screen. */
export function AccessGate({ access, children }: { access: ReadableValue<AccessState>; children: ReactNode }) {
  const state = useSyncExternalStore(access.subscribe, access.get);
  return state === 'ok' ? children : <TokenScreen reason={state} />;
}
