// Loading, empty and error states: each says what is happening and, where it can, what to do.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/use-i18n';

export function LoadingState({ text, testId = 'loading' }: { text: string; testId?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}

export function EmptyState({ title, hint, testId = 'empty' }: { title: string; hint: string; testId?: string }) {
  return (
    <div className="state state-empty" data-testid={testId}>
      <p className="state-title">{title}</p>
      <p className="state-hint">{hint}</p>
    </div>
  );
}

export function ErrorState({ message, onRetry, testId = 'error', children }: { message: string; onRetry?: () => void; testId?: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert" data-testid={testId}>
      <p className="state-title">
        <span aria-hidden="true">■ </span>
        <CodeText text={message} />
      </p>
      {children}
      {onRetry && (
        <button type="button" className="btn btn-primary" onClick={onRetry} data-testid="retry">
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

/** Renders `backticked` parts of a message as code, so commands stand out and can be copied. */
export function CodeText({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>))}</>;
}
