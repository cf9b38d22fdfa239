// The inventory's part of the contract: hosts, services, host-key trust, ssh_config import,
// and one monitor per enabled host, handed to the engine's scheduler through `watch`. Hosts
// behind a jump host restart with it: a change to the jump host (or trusting its key) starts
// them afresh too.

import os from 'node:os';
import type { Duplex } from 'node:stream';
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
import type { RemoteProcess, SshConnection } from '../transport/ssh-connection';
import { HostKeyError } from '../transport/ssh-errors';
import { createHostCollector, leaseHostLogin, stateForError } from './host-collector';
import { InventoryHostKeys, readOnlyPolicy } from './host-keys';
import { hostTarget, newId, secretChange, toHostView, toStoredHost } from './inventory-views';
import { directLogin, explainJumpFailure, jumpSettingsFailed, resolveJumpHost, type SshLogin } from './jump-host';
import { connectionFor, hostSecret } from './login-connection';
import { SharedLogins } from './shared-logins';
import { readSshConfig } from './ssh-config-import';
import { checkTcpReachable } from '../transport/tcp-reachable';

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
/** What a login depends on: a change to any of them gets the hosts behind a jump host a fresh login. */
const LOGIN_FIELDS = ['name', 'address', 'port', 'user', 'authMethod', 'keyPath', 'hostKeyPolicy', 'jumpHost'] as const;

export function createInventoryModule(deps: InventoryModuleDeps) {
  const { clock, logger } = deps;
  let store: InventoryStore | null = null;
  let secrets: SecretStore | null = null;
  const states = new Map<string, HostConnectionState>();
  const logins = new SharedLogins<SshConnection>();
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
      hosts: () => requireStore().listHosts(),
      logins,
      onState: (hostId, state) => {
        states.set(hostId, state);
        changed([hostId]);
      },
    });
    deps.watch(hostTarget(host), collector, latest, initialDelayMs);
  }

  /**
   * Stops the hosts' monitors (if any), then starts fresh ones from the stored records. All stop
   * before any starts, so a jump host's login they shared is closed rather than inherited.
   */
  async function restartHosts(hostIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(hostIds)];
    const latest = await Promise.all(ids.map((id) => deps.unwatch(id)));
    ids.forEach((id, i) => {
      states.delete(id);
      const host = requireStore().getHost(id);
      if (host) startHost(host, latest[i] ?? null);
    });
  }

  /** Hosts reached through `host`: named after it, or typed as its address and port. */
  function hostsBehind(host: Pick<StoredHost, 'id' | 'address' | 'port'>, hosts = requireStore().listHosts()): string[] {
    return hosts
      .filter((h) => {
        try {
          const jump = resolveJumpHost(h, hosts);
          return !!jump && ((jump.inInventory && jump.settingsOf.id === host.id) || (jump.address === host.address && jump.port === host.port));
        } catch {
          return false;
        }
      })
      .map((h) => h.id);
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
      const behindBefore = existing ? hostsBehind(existing) : [];
      const secret = secretChange(input, existing);
      await applySecret(host.id, secret);
      requireStore().putHost(host);
      logger.log('info', 'inventory-host-saved', { hostId: host.id, created: !existing });
      // Hosts behind it start afresh when how it is logged into changed, else only those not polling yet.
      const loginChanged = !existing || secret !== undefined || LOGIN_FIELDS.some((f) => existing[f] !== host[f]);
      const behind = [...behindBefore, ...hostsBehind(host)].filter((id) => loginChanged || states.get(id)?.state !== 'ok');
      const affected = [host.id, ...behind];
      await restartHosts(affected);
      changed([...new Set(affected)]);
      return view(host);
    },
    async deleteHost({ hostId }) {
      const behind = hostsBehind(requireHost(hostId));
      await deps.unwatch(hostId);
      states.delete(hostId);
      requireStore().deleteHost(hostId);
      await requireSecrets().delete(hostSecretAccount(hostId));
      await restartHosts(behind);
      changed([hostId, ...behind]);
    },
    async setHostEnabled({ hostId, enabled }) {
      const host = { ...requireHost(hostId), enabled, updatedAt: clock.now() };
      requireStore().putHost(host);
      await restartHosts([hostId]);
      changed([hostId]);
      return view(host);
    },
    async testConnection({ host: raw }): Promise<TestConnectionResult> {
      const input = hostInput.parse(raw);
      const existing = input.id ? requireStore().getHost(input.id) : null;
      const draft = toStoredHost(input, existing, clock.now());
      const change = secretChange(input, existing);
      const started = clock.now();
      const loginDeps = { clock, logger, env: deps.env, hostKeys, secrets: requireSecrets() };
      const testing = { readyTimeoutMs: TEST_TIMEOUT_MS, hostKeys: readOnlyPolicy(hostKeys) };
      let connection: SshConnection | null = null;
      let via: SshConnection | null = null;
      let jump: SshLogin | null = null;
      try {
        // The draft stands in for its stored version; the jump host gets a login of its own, closed after the test.
        jump = resolveJumpHost(draft, [...requireStore().listHosts().filter((h) => h.id !== draft.id), draft]);
        // A closed port or a wrong address is UNREACHABLE before any question about keys or passwords
        // (behind a jump host, only the jump host can tell whether the server answers).
        await checkTcpReachable(jump ? jump.address : draft.address, jump ? jump.port : draft.port, TEST_TIMEOUT_MS);
        const secret = change !== undefined ? change : existing ? await hostSecret(existing, requireSecrets()) : null;
        if (jump) {
          const through = jump;
          via = await connectionFor(through, loginDeps, { ...testing, secret: through.settingsOf.id === draft.id ? secret : undefined }).catch((err: unknown) => {
            throw jumpSettingsFailed(err, through);
          });
        }
        connection = await connectionFor(directLogin(draft), loginDeps, { ...testing, secret, via: via ?? undefined });
        await connection.connect(TEST_TIMEOUT_MS);
        const observed = hostKeys.observedKey(draft.address, draft.port);
        return { ok: true, fingerprint: observed?.fingerprint ?? '', elapsedMs: clock.now() - started };
      } catch (raw) {
        const err = jump ? explainJumpFailure(raw, jump) : raw;
        const state = stateForError(err);
        const hostKey = err instanceof HostKeyError ? err : null;
        const code = state.state === 'error' ? state.code : (hostKey?.code ?? 'INTERNAL');
        const message = 'message' in state ? state.message : String(err);
        const data = state.state === 'error' ? state.data : undefined;
        return { ok: false, code, message, ...(data ? { data } : {}), fingerprint: hostKey?.fingerprint ?? null, keyType: hostKey?.keyType ?? null };
      } finally {
        await connection?.close();
        await via?.close();
      }
    },
    async trustHostKey({ hostId, fingerprint }) {
      const host = requireHost(hostId);
      const observed = hostKeys.observedKey(host.address, host.port);
      const keyType = observed?.fingerprint === fingerprint ? observed.keyType : null;
      requireStore().addTrustedKey({ address: host.address, port: host.port, fingerprint, keyType, trustedAt: clock.now() });
      logger.log('info', 'inventory-hostkey-trusted', { hostId, fingerprint, keyType });
      // The trust is per address and port: every host there, and every host behind it, may log in now.
      const hosts = requireStore().listHosts();
      const sameServer = hosts.filter((h) => h.address === host.address && h.port === host.port).map((h) => h.id);
      const affected = [hostId, ...[...sameServer, ...hostsBehind(host, hosts)].filter((id) => states.get(id)?.state !== 'ok')];
      await restartHosts(affected);
      changed([...new Set(affected)]);
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
      const added: StoredHost[] = [];
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
        added.push(host);
      }
      // Hosts already listed whose jump host was just imported (by name) start afresh on it.
      const behind = added.flatMap((h) => hostsBehind(h)).filter((id) => !added.some((h) => h.id === id));
      for (const host of added) startHost(host, null);
      await restartHosts(behind);
      changed([...added.map((h) => h.id), ...new Set(behind)]);
      return { added: await Promise.all(added.map(view)), skipped };
    },
  };

  /**
   * A stream to `toHost:toPort` as the inventory host `hostId` sees it: a direct-tcpip channel on
   * that host's login, leased from the same pool its own polls use, so a database watched
   * through it costs no second login. The lease ends when the stream closes.
   */
  async function openTunnel(hostId: string, toHost: string, toPort: number, timeoutMs: number): Promise<Duplex> {
    const host = requireStore().getHost(hostId);
    if (!host) throw new OpsError('TUNNEL_FAILED', `The server this check runs on ("${hostId}") is no longer in the inventory.`);
    const lease = await leaseHostLogin(host, {
      clock,
      logger,
      env: deps.env,
      hostKeys,
      secrets: requireSecrets(),
      hosts: () => requireStore().listHosts(),
      logins,
      onState: () => undefined,
    });
    try {
      const stream = await lease.connection.openTunnel(toHost, toPort, timeoutMs);
      stream.once('close', () => void lease.release());
      return stream;
    } catch (err) {
      await lease.release();
      throw err;
    }
  }

  /**
   * Runs a script on the inventory host `hostId` (a log view, a read of a log): a session channel
   * on the login its own polls lease from the shared pool (through its jump host if it has one),
   * so it costs no second login. The lease ends when the script's channel closes.
   */
  async function openProcess(hostId: string, script: string, opts: { timeoutMs: number; endInput?: boolean }): Promise<RemoteProcess> {
    const host = requireStore().getHost(hostId);
    if (!host) throw new OpsError('NOT_FOUND', `The server this log is on ("${hostId}") is no longer in the inventory.`);
    const lease = await leaseHostLogin(host, {
      clock,
      logger,
      env: deps.env,
      hostKeys,
      secrets: requireSecrets(),
      hosts: () => requireStore().listHosts(),
      logins,
      onState: () => undefined,
    });
    try {
      const process = await lease.connection.openProcess(script, opts);
      void process.exited.then(() => lease.release());
      return process;
    } catch (err) {
      await lease.release();
      throw err;
    }
  }

  return {
    methods,
    openTunnel,
    openProcess,
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
