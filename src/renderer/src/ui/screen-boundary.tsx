// Keeps the app standing when a screen fails to load or render: most often a browser tab that
// outlived an OpsDeck update asks for a code chunk that no longer exists. Says so, offers a reload.
import { Component, type ReactNode } from 'react';
import { createTranslate, type Language } from '../i18n/catalogue';

interface Props {
  language: Language;
  children: ReactNode;
}

export class ScreenBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const t = createTranslate(this.props.language);
    return (
      <div className="state state-error" role="alert" data-testid="screen-error">
        <p className="state-title">
          <span aria-hidden="true">■ </span>
          {t('error.screenFailed')}
        </p>
        <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
          {t('action.reload')}
        </button>
      </div>
    );
  }
}
