// The channels part of the contract, and the notifier the alert engine calls. Settings go to
// SQLite; secrets (webhook URLs with tokens, bot tokens, passwords) to the secret store as one
// JSON entry per channel (account `channel:<id>`), and a stored secret is kept on an edit only
// while nothing that says where it is sent has changed (checks-module.ts does the same).
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChannelsApi } from '../../../shared/api';
import type { ChannelInput, ChannelRecord, ChannelsChangedEvent, ChannelSettingValue, ChannelTestResult, DesktopNotificationEvent } from '../../../shared/channels';
import type { MethodKeys } from '../../../shared/contract/define';
import { OpsError } from '../../../shared/errors';
import type { AlertNotification, DeliveryRecord } from '../../../shared/notifications';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { SecretStore } from '../secrets';
import type { ChannelsStore, StoredChannel } from '../store/channels-tables';
import type { AnyChannelType } from './channel-type';
import { CHANNEL_TYPES } from './channel-registry';
import { DeliveryError } from './delivery-error';
import { DeliveryQueue, type DeliveryOptions, type ReadyChannel, type ResolvedChannel } from './delivery-queue';
import type { Notifier } from './notifier';

export type ChannelsMethods = Pick<ChannelsApi, MethodKeys<ChannelsApi>>;

export interface ChannelsModuleDeps {
  clock: Clock;
  logger: Logger;
  emit(event: ChannelsChangedEvent): void;
  /** Shows a desktop notification; returns how many consoles or apps received it. */
  emitDesktop(event: DesktopNotificationEvent): number;
  /** IANA zone for times in messages; default this computer's. */
  timeZone?: string;
  registry?: Readonly<Record<string, AnyChannelType>>;
  delivery?: Partial<DeliveryOptions>;
}

/** The secret-store account of a channel's secrets (one JSON object of field -> value). */
export function channelSecretAccount(channelId: string): string {
  return `channel:${channelId}`;
}

const MAX_CHANNELS = 200;
const DEFAULT_PAGE = 100;
/** Notifications the alert engine sends before the store is attached wait here, in order. */
const EARLY_LIMIT = 1_000;

type Secrets = Record<string, string>;

/** An error about one field of the form: the field travels as data (the screen marks it) and as `field` here. */
function fieldError(code: 'CHANNEL_INVALID' | 'CHANNEL_NAME_TAKEN', message: string, field: string, data: Record<string, string> = {}): OpsError & { field: string } {
  return Object.assign(new OpsError(code, message, { field, ...data }), { field });
}

/**
 * Every piece of a secret a service might echo back: the value itself and, for a webhook URL,
 * its path segments, query values and credentials, so none of them reaches the delivery log.
 */
export function secretFragments(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    out.add(value);
    if (!URL.canParse(value)) continue;
    const url = new URL(value);
    const parts = [...url.pathname.split('/'), ...url.searchParams.values(), url.username, url.password].map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    // Short segments ("services", "hooks") name the service, not the token.
    for (const part of parts) if (part.length >= 12) out.add(part);
  }
  return [...out];
}

export function createChannelsModule(deps: ChannelsModuleDeps) {
  const { clock, logger } = deps;
  const registry = deps.registry ?? CHANNEL_TYPES;
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  let store: ChannelsStore | null = null;
  let secrets: SecretStore | null = null;
  let queue: DeliveryQueue | null = null;
  const early: Array<{ notification: AlertNotification; channelIds: readonly string[] | null }> = [];

  const unavailable = () => new OpsError('UNAVAILABLE', 'The engine is not running yet. Wait a moment and try again.');
  const requireStore = (): ChannelsStore => {
    if (!store) throw unavailable();
    return store;
  };
  const requireSecrets = (): SecretStore => {
    if (!secrets) throw unavailable();
    return secrets;
  };
  const requireQueue = (): DeliveryQueue => {
    if (!queue) throw unavailable();
    return queue;
  };

  function requireType(type: string): AnyChannelType {
    const found = Object.hasOwn(registry, type) ? registry[type] : undefined;
    if (!found) {
      throw fieldError('CHANNEL_INVALID', `OpsDeck has no channel type "${type}". Pick one of: ${Object.keys(registry).join(', ')}.`, 'type', { value: type });
    }
    return found;
  }

  async function readSecrets(channelId: string): Promise<Secrets> {
    const raw = await requireSecrets().get(channelSecretAccount(channelId));
    if (!raw) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  }

  async function writeSecrets(channelId: string, values: Secrets): Promise<void> {
    const account = channelSecretAccount(channelId);
    if (Object.keys(values).length === 0) await requireSecrets().delete(account);
    else await requireSecrets().set(account, JSON.stringify(values));
  }

  function parse(type: AnyChannelType, settings: Record<string, unknown>, values: Secrets): { ok: true; config: Record<string, unknown> } | { ok: false; field: string; message: string } {
    const parsed = type.schema.safeParse({ ...settings, ...values });
    if (parsed.success) return { ok: true, config: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue?.path[0] ?? 'settings'), message: issue?.message ?? 'rejected' };
  }

  function invalid(type: AnyChannelType, field: string, message: string, dropped: boolean): OpsError {
    const isSecret = type.secretFields.includes(field);
    const hint = isSecret && dropped ? ' It is kept in the keychain and was dropped because where it is sent changed: type it again.' : '';
    return fieldError('CHANNEL_INVALID', `The setting "${field}" of this ${type.type} channel is not valid: ${message}.${hint}`, field, isSecret && dropped ? { reason: 'secretDropped' } : {});
  }

  /** Stores what is not secret: the type's own fields as typed, never a secret field. */
  function storedSettings(type: AnyChannelType, input: ChannelInput): Record<string, ChannelSettingValue> {
    const known = new Set(type.descriptor.fields.map((f) => f.key));
    for (const key of Object.keys(input.settings)) {
      if (type.secretFields.includes(key)) {
        throw fieldError('CHANNEL_INVALID', `"${key}" is a secret of ${type.type} channels: send it in secrets, never in settings.`, key);
      }
    }
    return Object.fromEntries(Object.entries(input.settings).filter(([k]) => known.has(k)));
  }

  interface Draft {
    channel: StoredChannel;
    type: AnyChannelType;
    secretValues: Secrets;
    config: Record<string, unknown>;
  }

  /** Validates an input into what would be stored, with the secrets it may keep. */
  async function draft(input: ChannelInput): Promise<Draft> {
    const type = requireType(input.type);
    const existing = input.id ? requireStore().getChannel(input.id) : null;
    const name = input.name.trim();
    const clash = requireStore().findChannelByName(name);
    if (clash && clash.id !== existing?.id) {
      throw fieldError('CHANNEL_NAME_TAKEN', `A channel named "${clash.name}" exists already. Choose another name, or edit that channel.`, 'name', { value: clash.name });
    }
    const settings = storedSettings(type, input);
    const stored = existing ? await readSecrets(existing.id) : {};
    const given = input.secrets ?? {};
    // Where the secrets go: a changed setting, a new secret value, or another type.
    const sameType = existing?.type === type.type;
    const destinationChanged =
      !sameType ||
      type.destinationFields.some((f) =>
        type.secretFields.includes(f)
          ? typeof given[f] === 'string' && given[f] !== stored[f]
          : JSON.stringify(existing?.settings[f] ?? null) !== JSON.stringify(settings[f] ?? null),
      );
    const secretValues: Secrets = {};
    let dropped = false;
    for (const field of type.secretFields) {
      const value = given[field];
      if (typeof value === 'string') secretValues[field] = value;
      else if (value === null) continue;
      else if (stored[field] !== undefined) {
        if (destinationChanged) dropped = true;
        else secretValues[field] = stored[field]!;
      }
    }
    const parsed = parse(type, settings, secretValues);
    if (!parsed.ok) throw invalid(type, parsed.field, parsed.message, dropped);
    const now = clock.now();
    return {
      type,
      secretValues,
      config: parsed.config,
      channel: {
        // A new channel may bring its own id (a test, a script), like checks.
        id: existing?.id ?? input.id ?? `n-${randomBytes(6).toString('hex')}`,
        type: type.type,
        name,
        enabled: input.enabled ?? existing?.enabled ?? true,
        language: input.language,
        settings,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      },
    };
  }

  async function record(channel: StoredChannel): Promise<ChannelRecord> {
    const type = Object.hasOwn(registry, channel.type) ? registry[channel.type] : undefined;
    const values = await readSecrets(channel.id);
    const last = requireStore().lastDelivery(channel.id);
    const parsed = type ? parse(type, channel.settings, values) : null;
    return {
      id: channel.id,
      type: channel.type,
      name: channel.name,
      enabled: channel.enabled,
      language: channel.language,
      settings: channel.settings as Record<string, ChannelSettingValue>,
      hasSecret: Object.fromEntries((type?.secretFields ?? []).map((f) => [f, values[f] !== undefined])),
      destination: parsed?.ok && type ? type.destinationOf(parsed.config) : null,
      createdAt: channel.createdAt,
      updatedAt: channel.updatedAt,
      lastDelivery: last ? { at: last.at, outcome: last.outcome, code: last.code, event: last.event } : null,
    };
  }

  async function resolve(channelId: string): Promise<ResolvedChannel> {
    const channel = store?.getChannel(channelId);
    if (!channel) return null;
    const type = Object.hasOwn(registry, channel.type) ? registry[channel.type] : undefined;
    if (!type) return { ok: false, error: new DeliveryError('CHANNEL_INVALID', { detail: channel.type }) };
    const values = await readSecrets(channelId);
    const parsed = parse(type, channel.settings, values);
    if (!parsed.ok) return { ok: false, error: new DeliveryError('CHANNEL_INVALID', { field: parsed.field, detail: parsed.field }) };
    return { ok: true, channel: ready(channel, type, parsed.config, values) };
  }

  function ready(channel: StoredChannel, type: AnyChannelType, config: Record<string, unknown>, values: Secrets): ReadyChannel {
    return { id: channel.id, name: channel.name, enabled: channel.enabled, language: channel.language, type, config, secretValues: secretFragments(Object.values(values)) };
  }

  function testNotification(): AlertNotification {
    return {
      id: `test-${randomUUID()}`,
      event: 'test',
      at: clock.now(),
      service: null,
      status: 'ok',
      alerts: [],
      escalationLevel: 0,
      contacts: [],
      glossary: {},
      link: null,
      incidentId: null,
    };
  }

  const emitChanged = (channelIds: string[], deliveriesOnly = false) => deps.emit({ channelIds, deliveriesOnly });

  /** Saves a validated draft: settings durable in SQLite, secrets in the keychain. */
  async function commit(d: Draft): Promise<ChannelRecord> {
    await writeSecrets(d.channel.id, d.secretValues);
    requireStore().putChannel(d.channel);
    logger.log('info', 'channel-saved', { channelId: d.channel.id, type: d.channel.type, secrets: Object.keys(d.secretValues) });
    return record(d.channel);
  }

  const methods: ChannelsMethods = {
    async listChannelTypes() {
      return Object.values(registry).map((t) => ({ ...t.descriptor, destinationFields: [...t.destinationFields] }));
    },
    async listChannels() {
      return Promise.all(requireStore().listChannels().map(record));
    },
    async saveChannel(input) {
      if (!input.id && requireStore().listChannels().length >= MAX_CHANNELS) {
        throw new OpsError('TOO_LARGE', `OpsDeck keeps at most ${MAX_CHANNELS} channels. Delete some before adding more.`);
      }
      const saved = await commit(await draft(input));
      emitChanged([saved.id]);
      return saved;
    },
    async deleteChannel({ channelId }) {
      if (!requireStore().getChannel(channelId)) throw new OpsError('NOT_FOUND', `There is no channel "${channelId}". It may have been deleted already; reload the list.`);
      requireStore().deleteChannel(channelId);
      await requireSecrets().delete(channelSecretAccount(channelId));
      logger.log('info', 'channel-deleted', { channelId });
      emitChanged([channelId]);
    },
    async testChannel(input): Promise<ChannelTestResult> {
      let d: Draft;
      try {
        d = await draft(input);
      } catch (err) {
        const e = err as OpsError & { field?: string };
        // The engine's English sentence stays in the log; the screen words the code and marks the field.
        return { ok: false, code: e.code ?? 'INTERNAL', status: null, detail: null, field: e.field ?? null };
      }
      const notification = testNotification();
      const deliveryId = randomUUID();
      const outcome = await requireQueue().sendOnce(notification, ready(d.channel, d.type, d.config, d.secretValues), deliveryId);
      // A saved channel's test lands in its delivery log like any other attempt.
      if (input.id) {
        requireQueue().record({
          id: deliveryId,
          channelId: d.channel.id,
          notificationId: notification.id,
          event: 'test',
          at: clock.now(),
          attempt: 1,
          outcome: outcome.ok ? 'delivered' : 'failed',
          code: outcome.error?.code ?? null,
          status: outcome.error?.status ?? null,
          detail: outcome.error?.detail ?? null,
          nextAttemptAt: null,
        });
      }
      if (outcome.ok) return { ok: true, elapsedMs: outcome.elapsedMs, status: null };
      const e = outcome.error!;
      return { ok: false, code: e.code, status: e.status, detail: e.detail, field: e.field };
    },
    async listDeliveries({ channelId, before, limit }) {
      const size = limit ?? DEFAULT_PAGE;
      // One more than asked: whether there is a next page, without a second query.
      const rows = requireStore().listDeliveries({ channelId, beforeSeq: before, limit: size + 1 });
      const page = rows.slice(0, size);
      return {
        records: page.map((r) => r.record),
        total: requireStore().countDeliveries(channelId),
        nextBefore: rows.length > size ? page.at(-1)!.seq : null,
      };
    },
  };

  const notifier: Notifier = {
    notify(notification, channelIds) {
      if (queue) {
        queue.notify(notification, channelIds);
        return;
      }
      // Before the store is attached (the engine's features open lazily): held, then queued.
      if (early.length < EARLY_LIMIT) early.push({ notification, channelIds });
      else logger.log('error', 'notify-dropped-before-start', { notificationId: notification.id });
    },
  };

  return {
    methods,
    notifier,
    /** Validates and saves without emitting (the importer emits once for a whole file). */
    async saveQuietly(input: ChannelInput): Promise<ChannelRecord> {
      return commit(await draft(input));
    },
    emitChanged,
    /** Settings and which secrets are stored, for the export. */
    exportable(): Array<{ channel: StoredChannel; type: AnyChannelType | null }> {
      return requireStore()
        .listChannels()
        .map((channel) => ({ channel, type: Object.hasOwn(registry, channel.type) ? registry[channel.type]! : null }));
    },
    findByName: (name: string) => requireStore().findChannelByName(name),
    typeOf: (type: string) => (Object.hasOwn(registry, type) ? registry[type]! : null),
    /** `deliver: false` (the rules CLI): settings only; a running console delivers the outbox. */
    attach(channelsStore: ChannelsStore, secretStore: SecretStore, { deliver = true }: { deliver?: boolean } = {}): void {
      store = channelsStore;
      secrets = secretStore;
      queue = new DeliveryQueue({
        store: channelsStore,
        clock,
        logger,
        timeZone,
        resolve,
        enabledChannelIds: () => channelsStore.listChannels().filter((c) => c.enabled).map((c) => c.id),
        emitDesktop: deps.emitDesktop,
        onRecord: (r: DeliveryRecord) => emitChanged([r.channelId], true),
        options: deps.delivery,
      });
      if (!deliver) return;
      queue.start();
      for (const { notification, channelIds } of early.splice(0)) queue.notify(notification, channelIds);
    },
    detach(): void {
      queue?.stop();
      queue = null;
      store = null;
      secrets = null;
    },
  };
}

export type ChannelsModule = ReturnType<typeof createChannelsModule>;
