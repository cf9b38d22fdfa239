import { describe, expect, it, vi } from 'vitest';
import { createValue } from '../../../../src/renderer/src/api/observable';
import { createAppStore } from '../../../../src/renderer/src/store';
import { memoryStorage, STORAGE_KEYS } from '../../../../src/renderer/src/store/storage';
import { defaultLanguage } from '../../../../src/renderer/src/store/ui-slice';
import { APP_INFO, createFakeApi, flush } from '../support/fake-api';
import { makeTile } from '../support/snapshots';

describe('language', () => {
  it('defaults to Korean for a Korean browser and English otherwise', () => {
    expect(createAppStore(createFakeApi(), { navigatorLanguage: 'ko-KR' }).getState().language).toBe('ko');
    expect(createAppStore(createFakeApi(), { navigatorLanguage: 'en-GB' }).getState().language).toBe('en');
  });

  it('follows the OS locale from AppInfo in the desktop app', async () => {
    const api = createFakeApi();
    api.handlers.getAppInfo = () => ({ ...APP_INFO, host: 'electron', osLocale: 'ko_KR.UTF-8' });
    const store = createAppStore(api, { hostKind: 'electron', navigatorLanguage: 'en-US' });
    store.getState().start();
    await flush();
    expect(store.getState().language).toBe('ko');
  });

  it('prefers a stored choice over every default, and stores a new choice', () => {
    const storage = memoryStorage({ [STORAGE_KEYS.language]: 'en' });
    const store = createAppStore(createFakeApi(), { storage, navigatorLanguage: 'ko-KR' });
    expect(store.getState().language).toBe('en');
    store.getState().toggleLanguage();
    expect(store.getState().language).toBe('ko');
    expect(storage.getItem(STORAGE_KEYS.language)).toBe('ko');
  });

  it('picks defaults in a stated order', () => {
    expect(defaultLanguage({ stored: 'fr', navigatorLanguage: 'ko', osLocale: 'en_US', hostKind: 'browser' })).toBe('ko');
    expect(defaultLanguage({ stored: null, navigatorLanguage: null, osLocale: 'ko_KR', hostKind: 'browser' })).toBe('ko');
    expect(defaultLanguage({ stored: null, navigatorLanguage: 'ko', osLocale: 'C', hostKind: 'electron' })).toBe('en');
  });
});

describe('theme', () => {
  it('is dark by default and persists a switch', () => {
    const storage = memoryStorage();
    const store = createAppStore(createFakeApi(), { storage });
    expect(store.getState().theme).toBe('dark');
    store.getState().toggleTheme();
    expect(store.getState().theme).toBe('light');
    expect(createAppStore(createFakeApi(), { storage }).getState().theme).toBe('light');
  });

  it('follows the system preference, also when it changes, until the person picks a theme', () => {
    const storage = memoryStorage();
    const system = createValue<'dark' | 'light'>('light');
    const store = createAppStore(createFakeApi(), { storage, systemTheme: system });
    expect(store.getState().theme).toBe('light');
    system.set('dark');
    expect(store.getState().theme).toBe('dark');
    store.getState().setTheme('light');
    system.set('light');
    system.set('dark');
    expect(store.getState().theme).toBe('light');
  });

  it('ignores a stored value it does not know', () => {
    const store = createAppStore(createFakeApi(), { storage: memoryStorage({ [STORAGE_KEYS.theme]: 'neon' }) });
    expect(store.getState().theme).toBe('dark');
  });
});

describe('routing', () => {
  it('navigate updates the address bar and opens the host page', async () => {
    const api = createFakeApi();
    const onNavigate = vi.fn();
    const store = createAppStore(api, { onNavigate });
    store.getState().navigate({ name: 'host', targetId: 'web-1' });
    await flush();
    expect(onNavigate).toHaveBeenCalledWith({ name: 'host', targetId: 'web-1' });
    expect(store.getState().host.targetId).toBe('web-1');

    store.getState().navigate({ name: 'overview' });
    expect(store.getState().host.targetId).toBeNull();
  });

  it('syncRoute follows the address bar without writing it back', () => {
    const onNavigate = vi.fn();
    const store = createAppStore(createFakeApi(), { onNavigate });
    store.getState().syncRoute({ name: 'wall' });
    expect(store.getState().route).toEqual({ name: 'wall' });
    expect(onNavigate).not.toHaveBeenCalled();
  });

  it('re-sorts tiles of equal status by name in the new language', async () => {
    const api = createFakeApi();
    api.handlers.getOverview = () => [makeTile('latin', 'ok', 'Zeta'), makeTile('hangul', 'ok', '가나')];
    const store = createAppStore(api, { navigatorLanguage: 'ko' });
    await store.getState().loadOverview();
    // Korean collation puts Hangul before Latin; English the other way round.
    expect(store.getState().tileOrder).toEqual(['hangul', 'latin']);
    store.getState().setLanguage('en');
    expect(store.getState().tileOrder).toEqual(['latin', 'hangul']);
  });
});
