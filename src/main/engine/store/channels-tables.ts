// Notification channels, their outbox and their delivery log (schema 6). Channel edits are
// durable (a person typed them); outbox and log rows are written in plain transactions: they
// survive a crash of OpsDeck, and a power cut loses at most the last few, which a repeat covers.

import type Database from 'better-sqlite3';
import type { ChannelLanguage, DeliveryRecord, NotificationEvent } from '../../../shared/notifications';
import { durableWrite } from './durable-write';

export interface StoredChannel {
  id: string;
  type: string;
  name: string;
  enabled: boolean;
  language: ChannelLanguage;
  /** The type's settings without secrets; validated by the type's schema wherever used. */
  settings: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** One notification waiting for one channel. `notification` is the AlertNotification as JSON. */
export interface OutboxRow {
  seq: number;
  id: string;
  channelId: string;
  notificationId: string;
  event: NotificationEvent;
  notification: string;
  attempts: number;
  nextAt: number;
  createdAt: number;
}

export type NewOutboxRow = Omit<OutboxRow, 'seq'>;

export interface DeliveryLogQuery {
  channelId?: string;
  beforeSeq?: number;
  limit: number;
}

export interface ChannelsStore {
  listChannels(): StoredChannel[];
  getChannel(id: string): StoredChannel | null;
  findChannelByName(name: string): StoredChannel | null;
  /** Inserts or replaces; created_at of an existing row is kept. */
  putChannel(channel: StoredChannel): void;
  /** Deletes the channel with its queued messages; its log stays. True when a row was deleted. */
  deleteChannel(id: string): boolean;

  enqueue(rows: readonly NewOutboxRow[]): void;
  /** Each channel's oldest queued message (a channel's messages go out in order). */
  headsOfQueues(): OutboxRow[];
  /** The earliest next attempt among the heads, or null when nothing is queued. */
  nextDueAt(): number | null;
  reschedule(id: string, attempts: number, nextAt: number): void;
  removeFromOutbox(id: string): void;
  outboxSize(): number;

  appendDelivery(record: DeliveryRecord): void;
  /** Newest first, with the cursor of each row. */
  listDeliveries(q: DeliveryLogQuery): Array<{ seq: number; record: DeliveryRecord }>;
  countDeliveries(channelId?: string): number;
  lastDelivery(channelId: string): DeliveryRecord | null;
  /** Keeps the newest `keep` log rows; returns rows deleted. */
  trimDeliveries(keep: number): number;
}

interface ChannelRow {
  id: string;
  type: string;
  name: string;
  enabled: number;
  language: string;
  settings: string;
  created_at: number;
  updated_at: number;
}

interface OutboxDbRow {
  seq: number;
  id: string;
  channel_id: string;
  notification_id: string;
  event: string;
  notification: string;
  attempts: number;
  next_at: number;
  created_at: number;
}

interface DeliveryRow {
  seq: number;
  id: string;
  channel_id: string;
  notification_id: string;
  event: string;
  at: number;
  attempt: number;
  outcome: string;
  code: string | null;
  status: number | null;
  detail: string | null;
  next_attempt_at: number | null;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    // A row edited by hand into nonsense: the type's schema then says what is missing.
    return {};
  }
}

const channelFromRow = (r: ChannelRow): StoredChannel => ({
  id: r.id,
  type: r.type,
  name: r.name,
  enabled: r.enabled === 1,
  language: r.language === 'en' ? 'en' : 'ko',
  settings: parseObject(r.settings),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const outboxFromRow = (r: OutboxDbRow): OutboxRow => ({
  seq: r.seq,
  id: r.id,
  channelId: r.channel_id,
  notificationId: r.notification_id,
  event: r.event as NotificationEvent,
  notification: r.notification,
  attempts: r.attempts,
  nextAt: r.next_at,
  createdAt: r.created_at,
});

const deliveryFromRow = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  channelId: r.channel_id,
  notificationId: r.notification_id,
  event: r.event as NotificationEvent,
  at: r.at,
  attempt: r.attempt,
  outcome: r.outcome as DeliveryRecord['outcome'],
  code: r.code,
  status: r.status,
  detail: r.detail,
  nextAttemptAt: r.next_attempt_at,
});

export function createChannelsStore(db: Database.Database): ChannelsStore {
  const list = db.prepare<[], ChannelRow>('SELECT * FROM notify_channels ORDER BY rowid');
  const get = db.prepare<[string], ChannelRow>('SELECT * FROM notify_channels WHERE id = ?');
  const byName = db.prepare<[string], ChannelRow>('SELECT * FROM notify_channels WHERE name = ? COLLATE NOCASE');
  const upsert = db.prepare(
    `INSERT INTO notify_channels (id, type, name, enabled, language, settings, created_at, updated_at)
     VALUES (@id, @type, @name, @enabled, @language, @settings, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, enabled = excluded.enabled,
       language = excluded.language, settings = excluded.settings, updated_at = excluded.updated_at`,
  );
  const removeChannel = db.prepare<[string]>('DELETE FROM notify_channels WHERE id = ?');
  const removeQueued = db.prepare<[string]>('DELETE FROM notify_outbox WHERE channel_id = ?');

  const insertOutbox = db.prepare(
    `INSERT INTO notify_outbox (id, channel_id, notification_id, event, notification, attempts, next_at, created_at)
     VALUES (@id, @channel_id, @notification_id, @event, @notification, @attempts, @next_at, @created_at)`,
  );
  const heads = db.prepare<[], OutboxDbRow>(
    'SELECT o.* FROM notify_outbox o WHERE o.seq = (SELECT MIN(seq) FROM notify_outbox i WHERE i.channel_id = o.channel_id) ORDER BY o.next_at, o.seq',
  );
  const nextDue = db.prepare<[], { at: number | null }>(
    'SELECT MIN(o.next_at) AS at FROM notify_outbox o WHERE o.seq = (SELECT MIN(seq) FROM notify_outbox i WHERE i.channel_id = o.channel_id)',
  );
  const reschedule = db.prepare<[number, number, string]>('UPDATE notify_outbox SET attempts = ?, next_at = ? WHERE id = ?');
  const removeOutbox = db.prepare<[string]>('DELETE FROM notify_outbox WHERE id = ?');
  const outboxCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM notify_outbox');

  const insertDelivery = db.prepare(
    `INSERT INTO notify_deliveries (id, channel_id, notification_id, event, at, attempt, outcome, code, status, detail, next_attempt_at)
     VALUES (@id, @channel_id, @notification_id, @event, @at, @attempt, @outcome, @code, @status, @detail, @next_attempt_at)`,
  );
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM notify_deliveries');
  const countOne = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM notify_deliveries WHERE channel_id = ?');
  const last = db.prepare<[string], DeliveryRow>('SELECT * FROM notify_deliveries WHERE channel_id = ? ORDER BY seq DESC LIMIT 1');
  const trim = db.prepare<[number]>('DELETE FROM notify_deliveries WHERE seq <= (SELECT seq FROM notify_deliveries ORDER BY seq DESC LIMIT 1 OFFSET ?)');

  return {
    listChannels: () => list.all().map(channelFromRow),
    getChannel: (id) => {
      const row = get.get(id);
      return row ? channelFromRow(row) : null;
    },
    findChannelByName: (name) => {
      const row = byName.get(name);
      return row ? channelFromRow(row) : null;
    },
    putChannel: (c) =>
      durableWrite(db, () => {
        upsert.run({
          id: c.id,
          type: c.type,
          name: c.name,
          enabled: c.enabled ? 1 : 0,
          language: c.language,
          settings: JSON.stringify(c.settings),
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        });
      }),
    deleteChannel: (id) =>
      durableWrite(db, () => {
        removeQueued.run(id);
        return removeChannel.run(id).changes > 0;
      }),

    enqueue: (rows) =>
      db.transaction(() => {
        for (const r of rows) {
          insertOutbox.run({
            id: r.id,
            channel_id: r.channelId,
            notification_id: r.notificationId,
            event: r.event,
            notification: r.notification,
            attempts: r.attempts,
            next_at: r.nextAt,
            created_at: r.createdAt,
          });
        }
      })(),
    headsOfQueues: () => heads.all().map(outboxFromRow),
    nextDueAt: () => nextDue.get()?.at ?? null,
    reschedule: (id, attempts, nextAt) => void reschedule.run(attempts, nextAt, id),
    removeFromOutbox: (id) => void removeOutbox.run(id),
    outboxSize: () => outboxCount.get()?.n ?? 0,

    appendDelivery: (r) =>
      void insertDelivery.run({
        id: r.id,
        channel_id: r.channelId,
        notification_id: r.notificationId,
        event: r.event,
        at: r.at,
        attempt: r.attempt,
        outcome: r.outcome,
        code: r.code,
        status: r.status,
        detail: r.detail,
        next_attempt_at: r.nextAttemptAt,
      }),
    listDeliveries: ({ channelId, beforeSeq, limit }) => {
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (channelId !== undefined) {
        where.push('channel_id = ?');
        params.push(channelId);
      }
      if (beforeSeq !== undefined) {
        where.push('seq < ?');
        params.push(beforeSeq);
      }
      const sql = `SELECT * FROM notify_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      return db
        .prepare<Array<string | number>, DeliveryRow>(sql)
        .all(...params, limit)
        .map((row) => ({ seq: row.seq, record: deliveryFromRow(row) }));
    },
    countDeliveries: (channelId) => (channelId === undefined ? countAll.get()?.n : countOne.get(channelId)?.n) ?? 0,
    lastDelivery: (channelId) => {
      const row = last.get(channelId);
      return row ? deliveryFromRow(row) : null;
    },
    trimDeliveries: (keep) => trim.run(keep).changes,
  };
}
