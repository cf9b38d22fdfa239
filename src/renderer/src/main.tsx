import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createOpsClient } from './api';
import { App } from './app';
import { bindDocument } from './document-binding';
import { parseRoute, routeToHash } from './routing/routes';
import { createAppStore } from './store';
import { StoreProvider } from './store/react';
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

const client = createOpsClient();
const store = createAppStore(client.api, {
  hostKind: client.hostKind,
  connection: client.connection,
  reconnectNow: client.reconnectNow,
  storage: forgivingStorage(browserStorage()),
  navigatorLanguage: navigator.language ?? null,
  initialRoute: parseRoute(location.hash, location.search),
  onNavigate: (route) => {
    const hash = routeToHash(route);
    if (location.hash !== hash) location.hash = hash;
  },
});

bindDocument(store, document);
window.addEventListener('hashchange', () => store.getState().syncRoute(parseRoute(location.hash, location.search)));
store.getState().start();

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html must contain <div id="root">.');
createRoot(rootElement).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
