// The one Electron mock for the shell's tests: `vi.mock('electron', () => import('./electron-mock'))`.
// Fakes keep just enough state to observe what the shell did (handlers, options, sends), and
// `resetElectronMock()` gives every test a clean slate.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

type Listener = (...args: any[]) => unknown;

let nextId = 1;

export class FakeWebFrame {
  parent: FakeWebFrame | null = null;
  readonly processId: number;
  readonly routingId: number;
  constructor(
    public url = '',
    parent: FakeWebFrame | null = null,
  ) {
    this.processId = 100 + nextId;
    this.routingId = nextId++;
    this.parent = parent;
  }
}

export class FakeSession {
  headersListener: Listener | null = null;
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  webRequest = {
    onHeadersReceived: vi.fn((listener: Listener) => {
      this.headersListener = listener;
    }),
  };
  setPermissionRequestHandler = vi.fn((h: Listener) => (this.permissionRequestHandler = h));
  setPermissionCheckHandler = vi.fn((h: Listener) => (this.permissionCheckHandler = h));
  setDevicePermissionHandler = vi.fn((h: Listener) => (this.devicePermissionHandler = h));
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame = new FakeWebFrame();
  destroyed = false;
  windowOpenHandler: Listener | null = null;
  send = vi.fn();
  reload = vi.fn();
  setWindowOpenHandler = vi.fn((h: Listener) => (this.windowOpenHandler = h));
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  bounds: FakeRect;
  maximized = false;
  minimized = false;
  visible = false;
  focused = false;
  destroyed = false;

  constructor(readonly options: Record<string, any> = {}) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url;
  });
  loadFile = vi.fn(async (file: string, opts: { query?: Record<string, string> } = {}) => {
    const url = pathToFileURL(file);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    this.webContents.mainFrame.url = url.href;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn(() => {
    this.focused = true;
  });
  restore = vi.fn(() => {
    this.minimized = false;
  });
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize = vi.fn(() => {
    this.maximized = true;
    this.emit('maximize');
  });
  isMaximized(): boolean {
    return this.maximized;
  }
  getBounds(): FakeRect {
    return { ...this.bounds };
  }
  getNormalBounds(): FakeRect {
    return { ...this.bounds };
  }
  /** Test helper: a user drag or resize. */
  setBounds(bounds: Partial<FakeRect>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('move');
    this.emit('resize');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  hasLock = true;
  isPackaged = false;
  private paths = new Map<string, string>();
  private ready = false;
  private readyWaiters: Array<() => void> = [];

  loginItem = { openAtLogin: false };
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  getLoginItemSettings = vi.fn(() => ({ ...this.loginItem }));
  setLoginItemSettings = vi.fn((settings: { openAtLogin: boolean }) => {
    this.loginItem = { openAtLogin: settings.openAtLogin };
  });
  quit = vi.fn();
  getSystemLocale = vi.fn(() => 'ko-KR');
  setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
  });
  getPath = vi.fn((name: string) => this.paths.get(name) ?? `/fake/${name}`);
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  /** Test helper: Electron finished starting. */
  makeReady(): void {
    this.ready = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    this.emit('ready');
  }
  reset(): void {
    this.removeAllListeners();
    this.hasLock = true;
    this.isPackaged = false;
    this.loginItem = { openAtLogin: false };
    this.paths.clear();
    this.ready = false;
    this.readyWaiters = [];
  }
}

export const app = new FakeApp();

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Listener>();
  handle = vi.fn((channel: string, handler: Listener) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
}

export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, _arg?: unknown): Promise<unknown> => ({ ok: true, value: null }));
}

export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const session = { defaultSession: new FakeSession() };

/** protocol: what was registered as privileged and which handlers are installed. */
export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged: vi.fn((schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  }),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
    if (protocol.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    protocol.handlers.set(scheme, handler);
  }),
};

/** nativeImage: keeps the PNG representations it was given. */
export class FakeNativeImage {
  readonly representations: Array<{ scaleFactor: number; width?: number; height?: number; buffer?: Buffer }> = [];
  addRepresentation(rep: { scaleFactor: number; width?: number; height?: number; buffer?: Buffer }): void {
    this.representations.push(rep);
  }
  isEmpty(): boolean {
    return this.representations.length === 0;
  }
}
export const nativeImage = { createEmpty: vi.fn(() => new FakeNativeImage()) };

export interface FakeMenuItem {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}
export const Menu = { buildFromTemplate: vi.fn((template: FakeMenuItem[]) => ({ items: template })) };

export class Tray extends EventEmitter {
  static all: Tray[] = [];
  image: FakeNativeImage;
  tooltip = '';
  title = '';
  contextMenu: { items: FakeMenuItem[] } | null = null;
  destroyed = false;
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    Tray.all.push(this);
  }
  setImage = vi.fn((image: FakeNativeImage) => {
    this.image = image;
  });
  setToolTip = vi.fn((tooltip: string) => {
    this.tooltip = tooltip;
  });
  setTitle = vi.fn((title: string) => {
    this.title = title;
  });
  setContextMenu = vi.fn((menu: { items: FakeMenuItem[] }) => {
    this.contextMenu = menu;
  });
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy = vi.fn(() => {
    this.destroyed = true;
  });
}

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const screen = {
  displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getAllDisplays: vi.fn(() => screen.displays),
};

/** Electron's Notification: every one constructed is kept, with whether it was shown. */
export class Notification extends EventEmitter {
  static supported = true;
  static all: Notification[] = [];
  static isSupported = vi.fn(() => Notification.supported);
  shown = false;
  constructor(readonly options: Record<string, any> = {}) {
    super();
    Notification.all.push(this);
  }
  show = vi.fn(() => {
    this.shown = true;
  });
  close = vi.fn(() => this.emit('close'));
}

export const powerSaveBlocker = { start: vi.fn((_type: string) => 1), stop: vi.fn() };

export class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = [];
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  postMessage = vi.fn((message: unknown) => {
    this.posted.push(structuredClone(message));
  });
  kill = vi.fn(() => {
    this.killed = true;
    return true;
  });
  /** Test helper: the engine process sends a message. */
  reply(message: unknown): void {
    this.emit('message', message);
  }
  /** Test helper: the engine process ends. */
  exit(code: number): void {
    this.emit('exit', code);
  }
}

export const utilityProcess = {
  forks: [] as FakeUtilityProcess[],
  fork: vi.fn((modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
    const child = new FakeUtilityProcess(modulePath, args, options);
    utilityProcess.forks.push(child);
    return child;
  }),
};

const FAKE_SEAL_PREFIX = Buffer.from('fake-sealed:');

/**
 * safeStorage with a switchable key store. "Encryption" is a byte XOR behind a prefix: enough
 * that the plaintext never shows in a blob, and that a foreign blob fails like Electron's does.
 */
class FakeSafeStorage {
  available = true;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' = 'gnome_libsecret';
  isAsyncEncryptionAvailable = vi.fn(async () => this.available);
  getSelectedStorageBackend = vi.fn(() => this.backend);
  encryptStringAsync = vi.fn(async (plainText: string) => {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([FAKE_SEAL_PREFIX, Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a)]);
  });
  decryptStringAsync = vi.fn(async (encrypted: Buffer) => {
    if (!this.available) throw new Error('Decryption is not available.');
    if (!encrypted.subarray(0, FAKE_SEAL_PREFIX.length).equals(FAKE_SEAL_PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { shouldReEncrypt: false, result: Buffer.from(encrypted.subarray(FAKE_SEAL_PREFIX.length).map((b) => b ^ 0x5a)).toString('utf8') };
  });
  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
  }
}

export const safeStorage = new FakeSafeStorage();

/** An IpcMainInvokeEvent as Electron builds it for a frame of a webContents. */
export function invokeEvent(contents: FakeWebContents, frame: FakeWebFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame, processId: frame?.processId ?? 0, frameId: frame?.routingId ?? 0 };
}

export function resetElectronMock(): void {
  app.reset();
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  session.defaultSession = new FakeSession();
  protocol.privileged = [];
  protocol.handlers.clear();
  Tray.all = [];
  BrowserWindow.all = [];
  utilityProcess.forks = [];
  screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  safeStorage.reset();
  Notification.all = [];
  Notification.supported = true;
  vi.clearAllMocks();
}
