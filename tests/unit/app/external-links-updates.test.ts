import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_CHANNELS, type RpcResult } from '../../../src/shared/api';
import { MemoryLogger, nullLogger } from '../../../src/main/engine/core/logger';
import { createGlossaryLinkPolicy, normaliseExternalUrl } from '../../../src/main/app/external-links';
import { setupUpdates, updateFeedUrl } from '../../../src/main/app/updates';

describe('external links', () => {
  it('accepts only https without credentials', () => {
    expect(normaliseExternalUrl('https://sre.google/sre-book/')).toBe('https://sre.google/sre-book/');
    for (const bad of ['http://sre.google/', 'https://user:pw@sre.google/', 'file:///etc/passwd', 'ms-msdt:/id', 'javascript:alert(1)', 'smb://host/share', 'not a url']) {
      expect(normaliseExternalUrl(bad)).toBeNull();
    }
  });

  it('allows exactly the source addresses of the glossary, asked of the engine at click time', async () => {
    const invoke = vi.fn(async (channel: string): Promise<RpcResult> => ({
      ok: true,
      value: channel === METHOD_CHANNELS.listGlossary ? [{ entry: { source: { url: 'https://www.postgresql.org/docs/current/monitoring-stats.html' } } }, { entry: { id: 'no-source' } }] : null,
    }));
    const policy = createGlossaryLinkPolicy(invoke, nullLogger);
    expect(await policy.isAllowed('https://www.postgresql.org/docs/current/monitoring-stats.html')).toBe(true);
    expect(await policy.isAllowed('https://www.postgresql.org/docs/current/other.html')).toBe(false);
    expect(await policy.isAllowed('http://www.postgresql.org/docs/current/monitoring-stats.html')).toBe(false);
    expect(invoke).toHaveBeenCalledWith(METHOD_CHANNELS.listGlossary, undefined);
  });

  it('allows nothing when the engine cannot answer', async () => {
    const logger = new MemoryLogger();
    const policy = createGlossaryLinkPolicy(async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'restarting' } }), logger);
    expect(await policy.isAllowed('https://sre.google/')).toBe(false);
    expect(logger.records.map((r) => r.event)).toContain('external-link-unchecked');
  });
});

describe('auto-update', () => {
  let resources: string;
  beforeEach(() => {
    resources = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-resources-'));
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    fs.rmSync(resources, { recursive: true, force: true });
  });

  const updater = () => ({ logger: null as unknown, autoDownload: false, autoInstallOnAppQuit: false, checkForUpdatesAndNotify: vi.fn(async () => null) });

  it('reads the update folder the build wrote, refusing the placeholder and plain http', () => {
    expect(updateFeedUrl('provider: generic\nurl: https://deploy.corp.example/opsdeck\nchannel: latest\n')).toBe('https://deploy.corp.example/opsdeck');
    expect(updateFeedUrl('provider: generic\nurl: https://updates.example.invalid/opsdeck\n')).toBeNull();
    expect(updateFeedUrl('provider: generic\nurl: http://deploy.corp.example/opsdeck\n')).toBeNull();
    expect(updateFeedUrl('provider: generic\n')).toBeNull();
  });

  it('checks at start and every 6 hours in a packaged app with an address, installing on quit', async () => {
    fs.writeFileSync(path.join(resources, 'app-update.yml'), 'provider: generic\nurl: https://deploy.corp.example/opsdeck\n');
    const u = updater();
    const loadUpdater = vi.fn(() => u);
    const result = setupUpdates({ isPackaged: true, resourcesPath: resources, env: {}, logger: nullLogger, loadUpdater });
    expect(result.checking).toBe(true);
    expect(u).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(u.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6 * 60 * 60 * 1000);
    expect(u.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
    result.stop();
  });

  it('never loads the updater unpackaged, when turned off, or without a real address', () => {
    const loadUpdater = vi.fn(updater);
    expect(setupUpdates({ isPackaged: false, resourcesPath: resources, env: {}, logger: nullLogger, loadUpdater }).reason).toBe('not packaged');
    fs.writeFileSync(path.join(resources, 'app-update.yml'), 'provider: generic\nurl: https://deploy.corp.example/opsdeck\n');
    expect(setupUpdates({ isPackaged: true, resourcesPath: resources, env: { OPSDECK_DISABLE_UPDATES: '1' }, logger: nullLogger, loadUpdater }).checking).toBe(false);
    fs.writeFileSync(path.join(resources, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.invalid/opsdeck\n');
    expect(setupUpdates({ isPackaged: true, resourcesPath: resources, env: {}, logger: nullLogger, loadUpdater }).checking).toBe(false);
    expect(loadUpdater).not.toHaveBeenCalled();
  });
});
