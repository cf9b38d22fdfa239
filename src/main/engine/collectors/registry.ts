// Every kind of watched thing, by name. Adding a kind is its module plus one line here.
import type { HealthRules } from '../rules/health';
import type { KindModule } from './check-kind';
import { journaldKind } from './journald';
import { localKind } from './local';
import { httpKind } from './http';
import { mysqlKind } from './mysql';
import { logFileKind } from './log-file';
import { postgresKind } from './postgres';
import { prometheusKind, prometheusNodeKind } from './prometheus';
import { sshKind } from './ssh-host';
import { tcpKind } from './tcp';
import { zabbixHostKind, zabbixKind } from './zabbix';

export const KIND_REGISTRY: Readonly<Record<string, KindModule>> = {
  local: localKind,
  ssh: sshKind,
  postgres: postgresKind as unknown as KindModule,
  mysql: mysqlKind as unknown as KindModule,
  'log-file': logFileKind as unknown as KindModule,
  journald: journaldKind as unknown as KindModule,
  http: httpKind as unknown as KindModule,
  tcp: tcpKind as unknown as KindModule,
  prometheus: prometheusKind as unknown as KindModule,
  'prometheus-node': prometheusNodeKind,
  zabbix: zabbixKind as unknown as KindModule,
  'zabbix-host': zabbixHostKind,
};

export function kindModule(kind: string): KindModule | null {
  return Object.hasOwn(KIND_REGISTRY, kind) ? KIND_REGISTRY[kind]! : null;
}

/**
 * The health bands a target of this kind is judged by: the shipped host thresholds for hosts,
 * the kind's own defaults for everything else; staleness is the same for every kind.
 */
export function rulesForKind(base: HealthRules, kind: string): HealthRules {
  const module = kindModule(kind);
  if (!module || module.defaultRules.length === 0) return base;
  const metrics = Object.fromEntries(module.defaultRules.map(({ key, ...band }) => [key, band]));
  return { ...base, metrics, filesystem: base.filesystem };
}

const historyKeys = new Map<string, readonly string[]>();
const tileKeys = new Map<string, readonly string[]>();

/** The series of this kind whose history is stored (an unknown kind stores none). */
export function historyKeysOf(kind: string): readonly string[] {
  let keys = historyKeys.get(kind);
  if (!keys) {
    keys = (kindModule(kind)?.descriptor.series ?? []).filter((s) => s.history !== false).map((s) => s.key);
    historyKeys.set(kind, keys);
  }
  return keys;
}

/** The series a tile of this kind shows, with sparklines. */
export function tileKeysOf(kind: string): readonly string[] {
  let keys = tileKeys.get(kind);
  if (!keys) {
    keys = kindModule(kind)?.descriptor.tile ?? [];
    tileKeys.set(kind, keys);
  }
  return keys;
}
