// The checks part of the contract: every kind the registry manages itself (databases first),
// stored in one table, one monitor per enabled check handed to the engine's scheduler. A kind
// never sees another check's secret, and a stored password is dropped whenever the settings
// that say where it is sent change.

import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { ChecksApi } from '../../../shared/api';
import type { CheckInput, CheckRecord, ChecksChangedEvent, CheckTestResult, KindDescriptor } from '../../../shared/checks';
import { OpsError, serviceDown, toErrorPayload } from '../../../shared/errors';
import { LOCAL_TARGET_ID, type Snapshot, type Target, type TargetId } from '../../../shared/model';
import type { MethodKeys } from '../../../shared/contract/define';
import type { CheckKind, KindContext, KindModule } from '../collectors/check-kind';
import { KIND_REGISTRY } from '../collectors/registry';
import type { Collector } from '../collectors/types';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { SecretStore } from '../secrets';
import type { RemoteProcess } from '../transport/remote-process';
import type { StoredLogEvent } from '../../../shared/logs';
import type { ChecksStore, StoredCheck } from '../store/checks-table';

export type ChecksMethods = Pick<ChecksApi, MethodKeys<ChecksApi>>;

export interface ChecksModuleDeps {
  clock: Clock;
  logger: Logger;
  watch(target: Target, collector: Collector, latest: Snapshot | null, initialDelayMs?: number): void;
  unwatch(targetId: TargetId): Promise<Snapshot | null>;
  emit(event: ChecksChangedEvent): void;
  /** A direct-tcpip stream through an inventory host's existing login. */
  openTunnel(hostId: string, host: string, port: number, timeoutMs: number): Promise<Duplex>;
  /** A script on an inventory host's existing login (log sources). */
  openProcess?(hostId: string, script: string, opts: { timeoutMs: number; endInput?: boolean }): Promise<RemoteProcess>;
  /** Where a log kind's errors and warnings are kept for "jump to this time". */
  recordEvents?(checkId: string, events: Array<Omit<StoredLogEvent, 'checkId'>>): void;
  /** A check was deleted (its log views end, its kept events go). */
  onCheckRemoved?(checkId: string): Promise<void> | void;
  /** True when `hostId` is a server in the inventory. */
  hostExists(hostId: string): boolean;
  /** The kinds by name; default the engine's registry (tests bring their own). */
  registry?: Readonly<Record<string, KindModule>>;
}

/** The secret-store account of a check's password. */
export function checkSecretAccount(checkId: string): string {
  return `check:${checkId}`;
}

const TUNNEL_TIMEOUT_MS = 10_000;
const MAX_CHECKS = 5_000;


function parseConfig(kind: CheckKind<Record<string, unknown>>, raw: unknown): Record<string, unknown> {
  const parsed = kind.configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'config';
  throw new OpsError('CHECK_INVALID', `The setting "${field}" is not valid: ${issue?.message ?? 'rejected'}.`, { field });
}

export function createChecksModule(deps: ChecksModuleDeps) {
  const { clock, logger } = deps;
  const registry = deps.registry ?? KIND_REGISTRY;
  let store: ChecksStore | null = null;

  /** The kinds this module manages (not the hosts, which the engine and inventory own). */
  function managedKind(kind: string): CheckKind<Record<string, unknown>> {
    const module = Object.hasOwn(registry, kind) ? registry[kind] : undefined;
    if (!module || module.managedBy !== 'checks') {
      const known = Object.values(registry).filter((k) => k.managedBy === 'checks').map((k) => k.descriptor.kind);
      throw new OpsError('INVALID_ARGUMENT', `OpsDeck has no check kind "${kind}". Pick one of: ${known.join(', ')}.`, { field: 'kind' });
    }
    return module as unknown as CheckKind<Record<string, unknown>>;
  }
  let secrets: SecretStore | null = null;

  const requireStore = (): ChecksStore => {
    if (!store) throw new OpsError('UNAVAILABLE', 'The engine is not running yet. Wait a moment and try again.');
    return store;
  };
  const requireSecrets = (): SecretStore => {
    if (!secrets) throw new OpsError('UNAVAILABLE', 'The engine is not running yet. Wait a moment and try again.');
    return secrets;
  };
  const requireCheck = (id: string): StoredCheck => {
    const check = requireStore().getCheck(id);
    if (!check) throw new OpsError('NOT_FOUND', `There is no check "${id}". It may have been deleted; reload the list.`);
    return check;
  };

  function contextFor(checkId: string | null, secret: () => Promise<string | null>, intervalMs?: number): KindContext {
    const { openProcess, recordEvents } = deps;
    return {
      clock,
      logger,
      secret,
      intervalMs,
      ...(openProcess ? { openProcess } : {}),
      ...(recordEvents && checkId ? { recordEvents: (events: Array<Omit<StoredLogEvent, 'checkId'>>) => recordEvents(checkId, events) } : {}),
      async openStream(hostId, host, port) {
        try {
          return await deps.openTunnel(hostId, host, port, TUNNEL_TIMEOUT_MS);
        } catch (err) {
          const cause = toErrorPayload(err);
          logger.log('warn', 'check-tunnel-failed', { checkId, hostId, code: cause.code });
          // The server answered, but nothing listens on the port: the service is down, the tunnel is fine.
          if ((err as { connectFailed?: boolean }).connectFailed) throw serviceDown(new OpsError('UNREACHABLE', `Nothing accepts connections at ${host}:${port} on ${hostId}.`));
          throw new OpsError('TUNNEL_FAILED', `No tunnel through ${hostId} to ${host}:${port}: ${cause.message}`, { cause: cause.code });
        }
      },
    };
  }

  const storedSecret = (checkId: string) => () => requireSecrets().get(checkSecretAccount(checkId));

  function target(check: StoredCheck): Target {
    return { id: check.id, name: check.name, kind: check.kind, intervalMs: check.intervalMs, enabled: check.enabled, parentId: check.parentId };
  }

  /** A collector for a stored check whose settings no longer validate: every poll says why. */
  function invalidCollector(err: unknown): Collector {
    return {
      collect: () => Promise.reject(err),
    };
  }

  function startCheck(check: StoredCheck, latest: Snapshot | null, initialDelayMs = 0): void {
    if (!check.enabled) return;
    let collector: Collector;
    try {
      const kind = managedKind(check.kind);
      collector = kind.createCollector(parseConfig(kind, check.config), contextFor(check.id, storedSecret(check.id), check.intervalMs));
    } catch (err) {
      collector = invalidCollector(err);
    }
    deps.watch(target(check), collector, latest, initialDelayMs);
  }

  async function restart(id: string): Promise<void> {
    const latest = await deps.unwatch(id);
    const check = requireStore().getCheck(id);
    if (check) startCheck(check, latest);
  }

  async function record(check: StoredCheck, accounts?: Set<string>): Promise<CheckRecord> {
    const known = accounts ?? new Set(await requireSecrets().accounts());
    return {
      id: check.id,
      kind: check.kind,
      name: check.name,
      enabled: check.enabled,
      intervalMs: check.intervalMs,
      parentId: check.parentId,
      config: check.config as CheckRecord['config'],
      hasSecret: known.has(checkSecretAccount(check.id)),
      createdAt: check.createdAt,
      updatedAt: check.updatedAt,
    };
  }

  /** Validates an input into the check it would store; says whether the stored secret may be kept. */
  function draft(input: CheckInput): { check: StoredCheck; kind: CheckKind<Record<string, unknown>>; keepSecret: boolean } {
    const kind = managedKind(input.kind);
    const config = parseConfig(kind, input.config);
    const existing = input.id ? requireStore().getCheck(input.id) : null;
    if (input.id === LOCAL_TARGET_ID) throw new OpsError('INVALID_ARGUMENT', `"${LOCAL_TARGET_ID}" is reserved for this computer; choose another id.`);
    const parentId = kind.parentOf(config);
    if (parentId !== null && !deps.hostExists(parentId)) {
      throw new OpsError('CHECK_INVALID', `There is no server "${parentId}" in the inventory to reach this check through.`, { field: 'via' });
    }
    const now = clock.now();
    const check: StoredCheck = {
      id: existing?.id ?? input.id ?? `c-${randomBytes(6).toString('hex')}`,
      kind: kind.kind,
      name: input.name,
      enabled: input.enabled ?? existing?.enabled ?? true,
      intervalMs: input.intervalMs ?? existing?.intervalMs ?? kind.descriptor.defaultIntervalMs,
      parentId,
      config,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    // A password goes only where it was stored for: any change of destination forgets it.
    const sameDestination = !!existing && existing.kind === check.kind && kind.destinationFields.every((f) => JSON.stringify(existing.config[f]) === JSON.stringify(config[f]));
    return { check, kind, keepSecret: sameDestination };
  }

  const methods: ChecksMethods = {
    async listKinds(): Promise<KindDescriptor[]> {
      return Object.values(registry).map((k) => (k.managedBy === 'checks' ? { ...k.descriptor, secretBoundTo: [...k.destinationFields] } : k.descriptor));
    },
    async listChecks() {
      const accounts = new Set(await requireSecrets().accounts());
      return Promise.all(requireStore().listChecks().map((c) => record(c, accounts)));
    },
    async saveCheck(input) {
      const { check, keepSecret } = draft(input);
      if (!input.id && requireStore().listChecks().length >= MAX_CHECKS) {
        throw new OpsError('TOO_LARGE', `OpsDeck watches at most ${MAX_CHECKS} checks. Delete some before adding more.`);
      }
      const account = checkSecretAccount(check.id);
      if (input.secret === null || (input.secret === undefined && !keepSecret)) await requireSecrets().delete(account);
      else if (typeof input.secret === 'string') await requireSecrets().set(account, input.secret);
      requireStore().putCheck(check);
      logger.log('info', 'check-saved', { checkId: check.id, kind: check.kind, created: !input.id, secretKept: input.secret === undefined && keepSecret });
      await restart(check.id);
      deps.emit({ checkIds: [check.id] });
      return record(check);
    },
    async deleteCheck({ checkId }) {
      requireCheck(checkId);
      await deps.unwatch(checkId);
      requireStore().deleteCheck(checkId);
      await requireSecrets().delete(checkSecretAccount(checkId));
      await deps.onCheckRemoved?.(checkId);
      deps.emit({ checkIds: [checkId] });
    },
    async setCheckEnabled({ checkId, enabled }) {
      const check = { ...requireCheck(checkId), enabled, updatedAt: clock.now() };
      requireStore().putCheck(check);
      await restart(checkId);
      deps.emit({ checkIds: [checkId] });
      return record(check);
    },
    async testCheck(input): Promise<CheckTestResult> {
      let prepared: ReturnType<typeof draft>;
      try {
        prepared = draft(input);
      } catch (err) {
        const payload = toErrorPayload(err);
        return { ok: false, code: payload.code, message: payload.message, ...(payload.data ? { data: payload.data } : {}) };
      }
      const { check, kind, keepSecret } = prepared;
      const secret =
        typeof input.secret === 'string' ? async () => input.secret as string : input.secret === undefined && keepSecret ? storedSecret(check.id) : async () => null;
      try {
        return await kind.testConnection(check.config, contextFor(input.id ?? null, secret, check.intervalMs));
      } catch (err) {
        const payload = toErrorPayload(err);
        return { ok: false, code: payload.code, message: payload.message, ...(payload.data ? { data: payload.data } : {}) };
      }
    },
  };

  return {
    methods,
    /** Opens the checks on a running store and starts one monitor per enabled check. */
    attach(checksStore: ChecksStore, secretStore: SecretStore, latest: (targetId: string) => Snapshot | null): void {
      store = checksStore;
      secrets = secretStore;
      for (const check of checksStore.listChecks()) startCheck(check, latest(check.id), Math.floor(Math.random() * Math.min(check.intervalMs, 5_000)));
    },
    detach(): void {
      store = null;
      secrets = null;
    },
  };
}

export type ChecksModule = ReturnType<typeof createChecksModule>;
