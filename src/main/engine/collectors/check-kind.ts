// The contract every check kind module meets (see docs/checks.md). A kind is one file under
// collectors/ plus one line in registry.ts: its settings schema, what the screens need to draw
// it (the descriptor), its default rules, and how it connects and collects.
import type { Duplex } from 'node:stream';
import type { z } from 'zod';
import type { CheckTestResult, KindDescriptor } from '../../../shared/checks';
import type { StoredLogEvent } from '../../../shared/logs';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Band } from '../rules/health';
import type { RemoteProcess } from '../transport/remote-process';
import type { Collector } from './types';

/** A default band over one of the kind's series. */
export interface KindRule extends Band {
  key: string;
}

/** What a kind may use, and nothing else. */
export interface KindContext {
  clock: Clock;
  logger: Logger;
  /** The check's stored password, read from the secret store when needed; null when none is stored. */
  secret(): Promise<string | null>;
  /**
   * A stream to `host:port` as the SSH host `hostId` sees it: a direct-tcpip channel on that
   * host's existing login (no local port, no second login). Rejects with TUNNEL_FAILED.
   */
  openStream(hostId: string, host: string, port: number): Promise<Duplex>;
  // Optional, so kinds and tests that predate logs need not provide them.
  /** The check's polling interval: a log's counts are per minute of it; an endpoint keeps its deadline shorter. */
  intervalMs?: number;
  /**
   * Runs a script under /bin/sh on the SSH host `hostId`: a session channel on that host's
   * existing login (no second login). Rejects with the login's error.
   */
  openProcess?(hostId: string, script: string, opts: { timeoutMs: number; endInput?: boolean }): Promise<RemoteProcess>;
  /** Keeps events the kind read (a log's errors and warnings) for "jump to this time". */
  recordEvents?(events: Array<Omit<StoredLogEvent, 'checkId'>>): void;
}

/** Settings fields that say where the secret is sent: a change to any of them drops it. */
export type DestinationFields<Config> = ReadonlyArray<keyof Config & string>;

/**
 * The host kinds (this computer, servers over SSH): the engine and the inventory own their
 * connections (shared logins, host-key trust, jump hosts); the module says what they yield.
 */
export interface HostKind {
  kind: 'local' | 'ssh' | 'prometheus-node' | 'zabbix-host';
  /** 'source': hosts a data source check (Prometheus) reads; they have no poll of their own. */
  managedBy: 'engine' | 'inventory' | 'source';
  descriptor: KindDescriptor;
  /** Empty: hosts use the shipped thresholds (resources/rules/default-thresholds.json). */
  defaultRules: KindRule[];
}

/** Every other kind: the checks module stores, connects and polls them through this contract. */
export interface CheckKind<Config = Record<string, unknown>> {
  kind: string;
  managedBy: 'checks';
  descriptor: KindDescriptor;
  /** Validates a check's settings on save and before every connect. */
  configSchema: z.ZodType<Config>;
  /** The host the check runs on or is reached through, read from its settings. */
  parentOf(config: Config): string | null;
  /** The kind keeps one password in the secret store. */
  secret?: 'password';
  destinationFields: DestinationFields<Config>;
  defaultRules: KindRule[];
  createCollector(config: Config, ctx: KindContext): Collector;
  /** One connection with these settings: what works, and what is missing (a grant...). */
  testConnection(config: Config, ctx: KindContext): Promise<CheckTestResult>;
}

/** Declares a kind; the type parameter ties the schema to the rest. */
export function defineKind<Config>(kind: Omit<CheckKind<Config>, 'managedBy'>): CheckKind<Config> {
  return { ...kind, managedBy: 'checks' };
}

export type KindModule = HostKind | CheckKind<never>;
