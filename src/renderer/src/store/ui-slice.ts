import { isLanguage, languageFromLocale, LOCALE_TAGS, type Language } from '../i18n/catalogue';
import type { HostKind } from '../i18n/describe';
import { sameRoute, type Route } from '../routing/routes';
import { isThemeName, type ThemeName } from '../theme/tokens';
import { followIncidentRoute } from './incident-slices';
import { STORAGE_KEYS } from './storage';
import { orderTiles } from './tiles';
import type { GetState, SliceCreator, UiSlice } from './types';

export interface LanguageInputs {
  stored: string | null;
  navigatorLanguage: string | null;
  osLocale: string | null;
  hostKind: HostKind;
}

/**
 * A stored choice wins. Otherwise the desktop app follows the OS locale the engine reports,
 * and a browser follows its own language (a NOC TV's browser may be set up differently from
 * the server it talks to). Korean for any 'ko*' locale, English for everything else.
 */
export function defaultLanguage(inputs: LanguageInputs): Language {
  if (isLanguage(inputs.stored)) return inputs.stored;
  const preferred = inputs.hostKind === 'electron' ? (inputs.osLocale ?? inputs.navigatorLanguage) : (inputs.navigatorLanguage ?? inputs.osLocale);
  return languageFromLocale(preferred);
}

/** Opens or closes the host page to match a route, and loads the glossary for its screen. */
export function followRoute(get: GetState, route: Route): void {
  followIncidentRoute(get, route);
  if (route.name === 'glossary') {
    get().ensureGlossary();
    // "Where it appears" names the incident screens for the terms their playbook links.
    get().ensurePlaybook();
  }
  // The overview groups tiles by service, so it needs the inventory too.
  if (route.name === 'inventory' || route.name === 'overview' || route.name === 'logs') get().ensureInventory();
  // Settings and alerts name database series with the kinds' descriptors.
  if (route.name === 'inventory' || route.name === 'check' || route.name === 'settings' || route.name === 'alerts' || route.name === 'logs') get().ensureChecks();
  // Alerts filter by service; settings scope windows and silences by service and target.
  if (route.name === 'alerts' || route.name === 'settings') get().ensureInventory();
  if (route.name === 'settings' || route.name === 'alerts') void get().loadAlertsConfig();
  // Acknowledging names the responder chosen as "me" (the incidents' people list).
  if (route.name === 'alerts') get().ensurePeople();
  if (route.name === 'logs') void get().openLogs(route.hostId, route.sourceId, route.at);
  else if (get().logs.hostId !== null) get().closeLogs();
  if (route.name === 'host' || route.name === 'check') {
    if (get().host.targetId !== route.targetId) void get().openHost(route.targetId);
  } else if (get().host.targetId !== null) {
    get().closeHost();
  }
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get, deps) => {
  const storedTheme = deps.storage.getItem(STORAGE_KEYS.theme);
  const setLanguage = (language: Language) => {
    deps.storage.setItem(STORAGE_KEYS.language, language);
    // Tiles with equal status are ordered by name, and collation depends on the language.
    set((s) => ({ language, tileOrder: orderTiles(s.tiles, LOCALE_TAGS[language], s.tileOrder) }));
  };
  const setTheme = (theme: ThemeName) => {
    deps.storage.setItem(STORAGE_KEYS.theme, theme);
    set({ theme });
  };
  // Until the person picks a theme, it follows the OS preference, also when that changes.
  deps.systemTheme.subscribe((theme) => {
    if (!isThemeName(deps.storage.getItem(STORAGE_KEYS.theme))) set({ theme });
  });

  return {
    language: defaultLanguage({
      stored: deps.storage.getItem(STORAGE_KEYS.language),
      navigatorLanguage: deps.navigatorLanguage,
      osLocale: null,
      hostKind: deps.hostKind,
    }),
    theme: isThemeName(storedTheme) ? storedTheme : deps.systemTheme.get(),
    route: deps.initialRoute,
    appInfo: null,

    setLanguage,
    toggleLanguage: () => setLanguage(get().language === 'ko' ? 'en' : 'ko'),
    setTheme,
    toggleTheme: () => setTheme(get().theme === 'dark' ? 'light' : 'dark'),

    navigate(route) {
      if (sameRoute(get().route, route)) return;
      // A popover belongs to the screen it was opened on.
      set({ route, glossaryPopover: null });
      deps.onNavigate(route);
      followRoute(get, route);
    },

    syncRoute(route) {
      if (!sameRoute(get().route, route)) set({ route, glossaryPopover: null });
      followRoute(get, route);
    },
  };
};
