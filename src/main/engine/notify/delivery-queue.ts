// The notifier's queue: every notification is written to the outbox (SQLite) for each channel
// before anything is sent, then delivered one message per channel at a time, in order, with
// retries and backoff (a service's Retry-After wins when it asks for longer). Every attempt
// lands in the delivery log. Rows left by a stopped or crashed engine are sent after the next
// start: delivery is at least once, and the generic webhook carries a delivery id for repeats.
import { randomUUID } from 'node:crypto';
import type { DesktopNotificationEvent } from '../../../shared/channels';
import type { AlertNotification, ChannelLanguage, DeliveryRecord } from '../../../shared/notifications';
import type { Clock, TimerHandle } from '../core/clock';
import type { Logger } from '../core/logger';
import type { ChannelsStore, OutboxRow } from '../store/channels-tables';
import type { AnyChannelType, SendContext } from './channel-type';
import { DeliveryError, toDeliveryError } from './delivery-error';
import type { Notifier } from './notifier';

/** A channel ready to send: its type, its validated settings with secrets, its words. */
export interface ReadyChannel {
  id: string;
  name: string;
  enabled: boolean;
  language: ChannelLanguage;
  type: AnyChannelType;
  config: Record<string, unknown>;
  secretValues: string[];
}

/** What resolving a channel id gives: ready, gone, or settings that cannot work. */
export type ResolvedChannel = { ok: true; channel: ReadyChannel } | { ok: false; error: DeliveryError } | null;

export interface DeliveryOptions {
  /** Deadline of one attempt. Default 15 s. */
  timeoutMs: number;
  /** Attempts before a message is given up. Default 8 (about 40 min of backoff). */
  maxAttempts: number;
  /** First retry after this; each next one 3 times later, up to backoffMaxMs. Default 5 s and 15 min. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A message older than this is dropped as EXPIRED instead of sent late. Default 24 h. */
  maxAgeMs: number;
  /** Messages in flight at once, each on a different channel. Default 4. */
  parallel: number;
  /** Delivery log rows kept. Default 10,000. */
  logKeep: number;
  /** Jitter source (0..1); tests pin it. */
  random: () => number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  timeoutMs: 15_000,
  maxAttempts: 8,
  backoffBaseMs: 5_000,
  backoffMaxMs: 15 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  parallel: 4,
  logKeep: 10_000,
  random: Math.random,
};

export interface DeliveryQueueDeps {
  store: ChannelsStore;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** The channel as it is now (settings and secrets read fresh for every attempt). */
  resolve(channelId: string): Promise<ResolvedChannel>;
  /** Ids of the enabled channels: where a notification without a channel list goes. */
  enabledChannelIds(): string[];
  emitDesktop(event: DesktopNotificationEvent): number;
  onRecord(record: DeliveryRecord): void;
  options?: Partial<DeliveryOptions>;
}

export interface SendOutcome {
  ok: boolean;
  error: DeliveryError | null;
  elapsedMs: number;
}

/** Delay before attempt `attempt + 1` after `attempt` failures: 5 s, 15 s, 45 s, … ±20 %. */
export function backoffDelay(attempt: number, opts: Pick<DeliveryOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'random'>): number {
  const raw = Math.min(opts.backoffMaxMs, opts.backoffBaseMs * 3 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * opts.random()));
}

export class DeliveryQueue implements Notifier {
  private readonly opts: DeliveryOptions;
  private readonly inFlight = new Set<string>();
  private timer: TimerHandle | null = null;
  private timerAt = Infinity;
  private pumping = false;
  private again = false;
  private running = false;
  private appended = 0;

  constructor(private readonly deps: DeliveryQueueDeps) {
    this.opts = { ...DEFAULT_DELIVERY_OPTIONS, ...deps.options };
  }

  /** Starts sending, beginning with whatever a previous run left in the outbox. */
  start(): void {
    this.running = true;
    this.kick();
  }

  /** Stops sending. Attempts in flight finish, but their rows stay queued for the next start. */
  stop(): void {
    this.running = false;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  notify(notification: AlertNotification, channelIds: readonly string[] | null): void {
    try {
      const ids = channelIds === null ? this.deps.enabledChannelIds() : [...new Set(channelIds)];
      const now = this.deps.clock.now();
      const body = JSON.stringify(notification);
      this.deps.store.enqueue(
        ids.map((channelId) => ({
          id: randomUUID(),
          channelId,
          notificationId: notification.id,
          event: notification.event,
          notification: body,
          attempts: 0,
          nextAt: now,
          createdAt: now,
        })),
      );
      this.deps.logger.log('info', 'notify-queued', { notificationId: notification.id, event: notification.event, channels: ids.length });
      this.kick();
    } catch (err) {
      // Never thrown at the alert engine: the notification is logged as lost instead.
      this.deps.logger.log('error', 'notify-enqueue-failed', { notificationId: notification?.id, error: (err as Error)?.name ?? 'error', code: (err as { code?: string })?.code });
    }
  }

  /** One attempt now, outside the queue: "send test". */
  async sendOnce(notification: AlertNotification, channel: ReadyChannel, deliveryId: string): Promise<SendOutcome> {
    const started = this.deps.clock.now();
    try {
      await channel.type.send(notification, channel.config, this.context(channel, deliveryId));
      return { ok: true, error: null, elapsedMs: this.deps.clock.now() - started };
    } catch (err) {
      return { ok: false, error: toDeliveryError(err), elapsedMs: this.deps.clock.now() - started };
    }
  }

  /** Appends to the delivery log and tells the screens; keeps the log bounded. */
  record(record: DeliveryRecord): void {
    try {
      this.deps.store.appendDelivery(record);
      if (++this.appended % 100 === 0) this.deps.store.trimDeliveries(this.opts.logKeep);
    } catch (err) {
      this.deps.logger.log('error', 'notify-log-failed', { error: (err as Error)?.name ?? 'error' });
    }
    this.deps.logger.log(record.outcome === 'delivered' ? 'info' : 'warn', 'notify-delivery', {
      channelId: record.channelId,
      notificationId: record.notificationId,
      event: record.event,
      attempt: record.attempt,
      outcome: record.outcome,
      code: record.code,
      status: record.status,
    });
    this.deps.onRecord(record);
  }

  private context(channel: ReadyChannel, deliveryId: string): SendContext {
    return {
      channelId: channel.id,
      deliveryId,
      channelName: channel.name,
      language: channel.language,
      timeZone: this.deps.timeZone,
      timeoutMs: this.opts.timeoutMs,
      clock: this.deps.clock,
      secretValues: channel.secretValues,
      emitDesktop: this.deps.emitDesktop,
    };
  }

  private kick(): void {
    if (!this.running) return;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const now = this.deps.clock.now();
        let heads: OutboxRow[];
        try {
          heads = this.deps.store.headsOfQueues();
        } catch (err) {
          this.deps.logger.log('error', 'notify-outbox-unreadable', { error: (err as Error)?.name ?? 'error' });
          return;
        }
        let next = Infinity;
        for (const head of heads) {
          if (!this.running) return;
          if (this.inFlight.has(head.channelId)) continue;
          if (head.nextAt > now) {
            next = Math.min(next, head.nextAt);
            continue;
          }
          if (this.inFlight.size >= this.opts.parallel) {
            next = now;
            break;
          }
          this.inFlight.add(head.channelId);
          void this.attempt(head).finally(() => {
            this.inFlight.delete(head.channelId);
            this.kick();
          });
        }
        this.schedule(next);
      } while (this.again && this.running);
    } finally {
      this.pumping = false;
    }
  }

  private schedule(at: number): void {
    if (!this.running || at === Infinity) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.kick();
    }, Math.max(0, at - this.deps.clock.now()));
  }

  private log(row: OutboxRow, attempt: number, outcome: DeliveryRecord['outcome'], error: DeliveryError | null, nextAttemptAt: number | null = null): void {
    this.record({
      id: randomUUID(),
      channelId: row.channelId,
      notificationId: row.notificationId,
      event: row.event,
      at: this.deps.clock.now(),
      attempt,
      outcome,
      code: error?.code ?? null,
      status: error?.status ?? null,
      detail: error?.detail ?? null,
      nextAttemptAt,
    });
  }

  /** Gives a row up (or marks it done) and logs why. */
  private finish(row: OutboxRow, attempt: number, outcome: DeliveryRecord['outcome'], error: DeliveryError | null): void {
    this.deps.store.removeFromOutbox(row.id);
    this.log(row, attempt, outcome, error);
  }

  private async attempt(row: OutboxRow): Promise<void> {
    const attempt = row.attempts + 1;
    try {
      if (this.deps.clock.now() - row.createdAt > this.opts.maxAgeMs) {
        this.finish(row, row.attempts, 'failed', new DeliveryError('EXPIRED'));
        return;
      }
      let notification: AlertNotification;
      try {
        notification = JSON.parse(row.notification) as AlertNotification;
      } catch {
        this.finish(row, attempt, 'failed', new DeliveryError('INTERNAL'));
        return;
      }
      const resolved = await this.deps.resolve(row.channelId);
      if (!this.running) return;
      if (resolved === null) {
        this.finish(row, attempt, 'failed', new DeliveryError('NO_CHANNEL'));
        return;
      }
      if (!resolved.ok) {
        this.finish(row, attempt, 'failed', resolved.error);
        return;
      }
      if (!resolved.channel.enabled) {
        this.finish(row, attempt, 'suppressed', new DeliveryError('NO_CHANNEL'));
        return;
      }
      const outcome = await this.sendOnce(notification, resolved.channel, row.id);
      // Stopped meanwhile: the store may be closing; the row stays and goes out after the next start.
      if (!this.running) return;
      if (outcome.ok) {
        this.finish(row, attempt, 'delivered', null);
        return;
      }
      const error = outcome.error!;
      if (error.retryable && attempt < this.opts.maxAttempts) {
        const delay = Math.max(backoffDelay(attempt, this.opts), error.retryAfterMs ?? 0);
        const nextAt = this.deps.clock.now() + delay;
        this.deps.store.reschedule(row.id, attempt, nextAt);
        this.log(row, attempt, 'retrying', error, nextAt);
        return;
      }
      this.finish(row, attempt, 'failed', error);
    } catch (err) {
      if (!this.running) return;
      this.deps.logger.log('error', 'notify-attempt-failed', { channelId: row.channelId, error: (err as Error)?.name ?? 'error' });
      try {
        // Try again later rather than spin on a row that keeps failing to be handled.
        this.deps.store.reschedule(row.id, attempt, this.deps.clock.now() + backoffDelay(attempt, this.opts));
      } catch {
        // The store is failing too: the row stays as it was and the next start retries it.
      }
    }
  }
}
