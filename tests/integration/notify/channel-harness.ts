// A channels module on a real SQLite store in a temp folder, with an in-memory secret store:
// what the engine opens, without the rest of the engine. Tests reopen it to check restarts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DesktopNotificationEvent } from '../../../src/shared/channels';
import type { DeliveryRecord } from '../../../src/shared/notifications';
import type { Clock } from '../../../src/main/engine/core/clock';
import { systemClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createChannelsModule, type ChannelsModule } from '../../../src/main/engine/notify/channels-module';
import type { DeliveryOptions } from '../../../src/main/engine/notify/delivery-queue';
import { memorySecretStore, type SecretStore } from '../../../src/main/engine/secrets';
import { openStore, type Store } from '../../../src/main/engine/store';
import { waitFor } from '../../support/wait-for';

export interface Harness {
  dir: string;
  store: Store;
  secrets: SecretStore;
  logger: MemoryLogger;
  channels: ChannelsModule;
  desktop: DesktopNotificationEvent[];
  /** Delivery log of a channel, oldest first. */
  log(channelId: string): DeliveryRecord[];
  /** Waits until the channel's log has an entry matching `pick`. */
  until(channelId: string, pick: (r: DeliveryRecord) => boolean, what?: string): Promise<DeliveryRecord>;
  reopen(): Harness;
  close(): void;
}

export function openHarness(opts: { clock?: Clock; delivery?: Partial<DeliveryOptions>; dir?: string; secrets?: SecretStore; desktopListeners?: number } = {}): Harness {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-notify-'));
  const clock = opts.clock ?? systemClock;
  const logger = new MemoryLogger();
  const store = openStore({ dataDir: dir, clock, logger });
  const secrets = opts.secrets ?? memorySecretStore('tests use memory');
  const desktop: DesktopNotificationEvent[] = [];
  const channels = createChannelsModule({
    clock,
    logger,
    timeZone: 'Asia/Seoul',
    emit: () => {},
    emitDesktop: (event) => {
      desktop.push(event);
      return opts.desktopListeners ?? 1;
    },
    delivery: { timeoutMs: 2_000, random: () => 0.5, ...opts.delivery },
  });
  channels.attach(store.channels, secrets);
  const log = (channelId: string) => store.channels.listDeliveries({ channelId, limit: 1000 }).map((r) => r.record).reverse();
  const harness: Harness = {
    dir,
    store,
    secrets,
    logger,
    channels,
    desktop,
    log,
    until: (channelId, pick, what = 'a delivery record') => waitFor(what, async () => log(channelId).find(pick) ?? null, 15_000),
    reopen() {
      channels.detach();
      store.close();
      return openHarness({ ...opts, dir, secrets });
    },
    close() {
      channels.detach();
      store.close();
    },
  };
  return harness;
}
