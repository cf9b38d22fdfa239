import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BOOT_DATA_ELEMENT_ID, parseBootData } from '../../shared/boot-data';
import { createOpsClient } from './api';
import { App } from './app';
import { AccessGate } from './features/token/token-screen';
import { bindDocument } from './document-binding';
import { parseRoute, routeToHash } from './routing/routes';
import { createAppStore } from './store';
import { StoreProvider } from './store/react';
import { systemTheme } from './theme/system-theme';
import { forgivingStorage, type KeyValueStorage } from './store/storage';
import './styles/base.css';
import './styles/app.css';
import './styles/glossary-shared.css';

function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked by policy: preferences last for this session only
  }
}

/** The first data `opsdeck serve` put inside the page, read once (Electron pages have none). */
function takeBootData() {
  const element = document.getElementById(BOOT_DATA_ELEMENT_ID);
  element?.remove();
  return parseBootData(element?.textContent);
}

/** Runs `fn` once the browser has painted a frame (or soon, in a tab that paints nothing). */
function afterFirstPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 250);
}

const client = createOpsClient();
const boot = client.hostKind === 'browser' ? takeBootData() : null;
const store = createAppStore(client.api, {
  boot,
  hostKind: client.hostKind,
  connection: client.connection,
  engineRestart: client.engineRestart,
  reconnectNow: client.reconnectNow,
  storage: forgivingStorage(browserStorage()),
  navigatorLanguage: navigator.language ?? null,
  systemTheme: systemTheme(typeof window.matchMedia === 'function' ? (q) => window.matchMedia(q) : undefined),
  initialRoute: parseRoute(location.hash, location.search),
  onNavigate: (route) => {
    const hash = routeToHash(route);
    if (location.hash !== hash) location.hash = hash;
  },
});

bindDocument(store, document);
// A log view runs a process on a server: a page that goes away closes it at once (its lease
// would end it half a minute later).
window.addEventListener('pagehide', () => store.getState().closeLogs());
// The desktop shell's tray speaks the UI's language; a double-clicked export waits in a dialog.
client.reportLanguage(store.getState().language);
store.subscribe((state, prev) => {
  if (state.language !== prev.language) client.reportLanguage(state.language);
});
client.onOpenFile((file) => store.getState().showOpenedFile(file));
window.addEventListener('hashchange', () => store.getState().syncRoute(parseRoute(location.hash, location.search)));
// With the first data in the page, the socket (and what the engine loads for it) waits until
// those numbers are on screen; without it, the socket brings the first data, so it opens now.
if (boot) afterFirstPaint(() => store.getState().start());
else store.getState().start();

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html must contain <div id="root">.');
createRoot(rootElement).render(
  <StrictMode>
    <AccessGate access={client.access}>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </AccessGate>
  </StrictMode>,
);
