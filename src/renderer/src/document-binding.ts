// Keeps <html> in step with the store: lang (for fonts, hyphenation and screen readers), the
// theme's CSS variables and the window title.
import type { AppStore } from './store';
import { createTranslate } from './i18n/catalogue';
import { applyThemeTokens } from './theme/tokens';

export function bindDocument(store: AppStore, doc: Document): () => void {
  const apply = () => {
    const { language, theme, route } = store.getState();
    const root = doc.documentElement;
    if (root.lang !== language) root.lang = language;
    applyThemeTokens(root, route.name === 'wall' ? 'wall' : theme);
    root.dataset.screen = route.name;
    const t = createTranslate(language);
    doc.title = route.name === 'wall' ? t('wall.title') : t('app.name');
  };
  apply();
  return store.subscribe((state, prev) => {
    if (state.language !== prev.language || state.theme !== prev.theme || state.route !== prev.route) apply();
  });
}
