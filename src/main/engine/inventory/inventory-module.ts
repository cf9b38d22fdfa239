// The inventory's part of the contract: hosts, services, host-key trust, ssh_config import,
// and one monitor per enabled host, handed to the engine's scheduler through `watch`.

import os from 'node:os';
import path from 'node:path';
import type { OpsApi } from '../../../shared/api';
import { OpsError } from '../../../shared/errors';
import {
  hostInput,
  serviceInput,
  type HostConnectionState,
  type InventoryChangedEvent,
  type InventoryService,
  type TestConnectionResult,
} from '../../../shared/inventory-contract';
import type { HostSnapshot, Target, TargetId } from '../../../shared/model';
import type { Collector } from '../collectors/types';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { hostSecretAccount, type SecretStore } from '../secrets';
import type { InventoryStore, StoredHost } from '../store/inventory-tables';
import { KnownHostsFile } from '../transport/known-hosts-file';
import { SshConnection } from '../transport/ssh-connection';
import { HostKeyError } from '../transport/ssh-errors';
import { createHostCollector, hostSecret, stateForError } from './host-collector';
import { hostCredentials } from './host-credentials';
import { InventoryHostKeys, readOnlyPolicy } from './host-keys';
import { hostTarget, newId, secretChange, toHostView, toStoredHost } from './inventory-views';
import { readSshConfig } from './ssh-config-import';

export type InventoryMethods = Pick<
  OpsApi,
  | 'listInventory'
  | 'saveHost'
  | 'deleteHost'
  | 'setHostEnabled'
  | 'testConnection'
  | 'trustHostKey'
  | 'saveService'
  | 'deleteService'
  | 'previewSshConfigImport'
  | 'applySshConfigImport'
>;

export interface InventoryModuleDeps {
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** An OpenSSH known_hosts, read (never written) for trust; default ~/.ssh/known_hosts, null to ignore. */
  knownHostsFile?: string | null;
  /** Starts polling a target; `initialDelayMs` spreads the first polls of many hosts. */
  watch(target: Target, collector: Collector, latest: HostSnapshot | null, initialDelayMs?: number): void;
  /** Stops polling a target; resolves with its last snapshot. */
  unwatch(targetId: TargetId): Promise<HostSnapshot | null>;
  emit(event: InventoryChangedEvent): void;
}

const TEST_TIMEOUT_MS = 15_000;

export function createInventoryModule(deps: InventoryModuleDeps) {
  const { clock, logger } = deps;
  let store: InventoryStore | null = null;
  let secrets: SecretStore | null = null;
  const states = new Map<string, HostConnectionState>();
  const home = deps.env.HOME || os.homedir();

  const requireStore = (): InventoryStore => {
    if (!store) throw new OpsError('UNAVAILABLE', 'The engine is not running yet. Wait a moment and try again.');
    return store;
  };
  const requireSecrets = (): SecretStore => {
    if (!secrets) throw new OpsError('UNAVAILABLE', 'The engine is not running yet. Wait a moment and try again.');
    return secrets;
  };
  const knownHostsFile = deps.knownHostsFile === undefined ? path.join(home, '.ssh', 'known_hosts') : deps.knownHostsFile;
  const hostKeys = new InventoryHostKeys(requireStore, knownHostsFile ? new KnownHostsFile(knownHostsFile, { readOnly: true }) : null, clock);

  const requireHost = (hostId: string): StoredHost => {
    const host = requireStore().getHost(hostId);
    if (!host) throw new OpsError('NOT_FOUND', `There is no host "${hostId}" in the inventory. It may have been deleted; reload the list.`);
    return host;
  };

  const changed = (hostIds: string[]) => deps.emit({ hostIds });

  async function view(host: StoredHost) {
    const accounts = new Set(await requireSecrets().accounts());
    return toHostView(host, states.get(host.id), accounts.has(hostSecretAccount(host.id)), requireStore().trustedKeys(host.address, host.port));
  }

  function startHost(host: StoredHost, latest: HostSnapshot | null, initialDelayMs = 0): void {
    if (!host.enabled) return;
    states.set(host.id, { state: 'connecting' });
    const collector = createHostCollector(host, {
      clock,
      logger,
      env: deps.env,
      hostKeys,
      secrets: requireSecrets(),
      onState: (hostId, state) => {
        states.set(hostId, state);
        changed([hostId]);
      },
    });
    deps.watch(hostTarget(host), collector, latest, initialDelayMs);
  }

  /** Stops the host's monitor (if any) and starts a fresh one from the stored record. */
  async function restartHost(hostId: string): Promise<void> {
    const latest = await deps.unwatch(hostId);
    states.delete(hostId);
    const host = requireStore().getHost(hostId);
    if (host) startHost(host, latest);
  }

  async function applySecret(hostId: string, change: string | null | undefined): Promise<void> {
    if (change === undefined) return;
    const account = hostSecretAccount(hostId);
    if (change === null) await requireSecrets().delete(account);
    else await requireSecrets().set(account, change);
  }

  const methods: InventoryMethods = {
    async listInventory() {
      const s = requireStore();
      const accounts = new Set(await requireSecrets().accounts());
      const hosts = s.listHosts().map((h) => toHostView(h, states.get(h.id), accounts.has(hostSecretAccount(h.id)), s.trustedKeys(h.address, h.port)));
      return { hosts, services: s.listServices(), secretStorage: requireSecrets().info };
    },
    async saveHost(raw) {
      const input = hostInput.parse(raw);
      const existing = input.id ? requireStore().getHost(input.id) : null;
      const host = toStoredHost(input, existing, clock.now());
      await applySecret(host.id, secretChange(input, existing));
      requireStore().putHost(host);
      logger.log('info', 'inventory-host-saved', { hostId: host.id, created: !existing });
      await restartHost(host.id);
      changed([host.id]);
      return view(host);
    },
    async deleteHost({ hostId }) {
      requireHost(hostId);
      await deps.unwatch(hostId);
      states.delete(hostId);
      requireStore().deleteHost(hostId);
      await requireSecrets().delete(hostSecretAccount(hostId));
      changed([hostId]);
    },
    async setHostEnabled({ hostId, enabled }) {
      const host = { ...requireHost(hostId), enabled, updatedAt: clock.now() };
      requireStore().putHost(host);
      await restartHost(hostId);
      changed([hostId]);
      return view(host);
    },
    async testConnection({ host: raw }): Promise<TestConnectionResult> {
      const input = hostInput.parse(raw);
      const existing = input.id ? requireStore().getHost(input.id) : null;
      const draft = toStoredHost(input, existing, clock.now());
      const change = secretChange(input, existing);
      const started = clock.now();
      let connection: SshConnection | null = null;
      try {
        const secret = change !== undefined ? change : existing ? await hostSecret(existing, requireSecrets()) : null;
        connection = new SshConnection({
          host: draft.address,
          port: draft.port,
          credentials: hostCredentials(draft, draft.authMethod === 'agent' ? null : secret, deps.env),
          hostKeys: readOnlyPolicy(hostKeys),
          acceptNewHostKey: draft.hostKeyPolicy === 'accept-new',
          clock,
          logger,
          readyTimeoutMs: TEST_TIMEOUT_MS,
        });
        await connection.connect(TEST_TIMEOUT_MS);
        const observed = hostKeys.observedKey(draft.address, draft.port);
        return { ok: true, fingerprint: observed?.fingerprint ?? '', elapsedMs: clock.now() - started };
      } catch (err) {
        const state = stateForError(err);
        const hostKey = err instanceof HostKeyError ? err : null;
        const code = state.state === 'error' ? state.code : (hostKey?.code ?? 'INTERNAL');
        const message = 'message' in state ? state.message : String(err);
        return { ok: false, code, message, fingerprint: hostKey?.fingerprint ?? null, keyType: hostKey?.keyType ?? null };
      } finally {
        await connection?.close();
      }
    },
    async trustHostKey({ hostId, fingerprint }) {
      const host = requireHost(hostId);
      const observed = hostKeys.observedKey(host.address, host.port);
      const keyType = observed?.fingerprint === fingerprint ? observed.keyType : null;
      requireStore().addTrustedKey({ address: host.address, port: host.port, fingerprint, keyType, trustedAt: clock.now() });
      logger.log('info', 'inventory-hostkey-trusted', { hostId, fingerprint, keyType });
      await restartHost(hostId);
      changed([hostId]);
      return view(host);
    },
    async saveService(raw): Promise<InventoryService> {
      const input = serviceInput.parse(raw);
      const id = input.id ?? newId('s');
      requireStore().putService({ id, name: input.name, owner: input.owner, contact: input.contact, hostIds: [...new Set(input.hostIds)] }, clock.now());
      changed([]);
      const saved = requireStore().listServices().find((s) => s.id === id);
      if (!saved) throw new OpsError('STORE_FAILED', 'The service was not saved. Try again.');
      return saved;
    },
    async deleteService({ serviceId }) {
      if (!requireStore().deleteService(serviceId)) throw new OpsError('NOT_FOUND', `There is no service "${serviceId}". It may have been deleted; reload the list.`);
      changed([]);
    },
    async previewSshConfigImport(args) {
      const read = readSshConfig({ text: args?.text, home });
      const hosts = requireStore().listHosts();
      const exists = (e: { address: string; port: number; user: string }) => hosts.some((h) => h.address === e.address && h.port === e.port && h.user === e.user);
      return { source: read.source, warnings: read.warnings, rows: read.entries.map((e) => ({ ...e, status: exists(e) ? ('exists' as const) : ('new' as const) })) };
    },
    async applySshConfigImport({ entries }) {
      const s = requireStore();
      const added = [];
      const skipped = [];
      for (const e of entries) {
        const known = s.listHosts().some((h) => h.address === e.address && h.port === e.port && h.user === e.user);
        if (known) {
          skipped.push({ alias: e.alias, reason: 'A host with this address, port and user is already in the inventory.' });
          continue;
        }
        const input = hostInput.parse({
          name: e.alias,
          address: e.address,
          port: e.port,
          user: e.user,
          auth: e.keyPath ? { method: 'key', keyPath: e.keyPath } : { method: 'agent' },
          jumpHost: e.jumpHost,
        });
        const host = toStoredHost(input, null, clock.now());
        s.putHost(host);
        startHost(host, null);
        added.push(await view(host));
      }
      changed(added.map((h) => h.id));
      return { added, skipped };
    },
  };

  return {
    methods,
    /** Opens the inventory on a running store and starts one monitor per enabled host. */
    attach(inventoryStore: InventoryStore, secretStore: SecretStore, latest: (targetId: string) => HostSnapshot | null): void {
      store = inventoryStore;
      secrets = secretStore;
      // At start every host would log in at once: spread the first polls over one interval.
      for (const host of inventoryStore.listHosts()) startHost(host, latest(host.id), Math.floor(Math.random() * Math.min(host.intervalMs, 5_000)));
    },
    detach(): void {
      store = null;
      secrets = null;
      states.clear();
    },
  };
}

export type InventoryModule = ReturnType<typeof createInventoryModule>;
