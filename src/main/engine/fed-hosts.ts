// Hosts a data source feeds (Prometheus, Zabbix): one monitor per member, updated by its source's
// poll instead of a poll of its own, so 5,000 hosts cost one request per source per interval.
// OpsDeck keeps no history for them (their charts ask the source). One fleet: a machine known to
// several (SSH and sources) is shown once, by the first of SSH, Prometheus, Zabbix that knows it
// (docs/decisions.md); the tile it is shown as lists the others (`Target.alsoFrom`).
import { OpsError } from '../../shared/errors';
import type { HostSnapshot, Target, TargetId } from '../../shared/model';
import { rulesForKind } from './collectors/registry';
import type { PolledTarget } from './alerts/alert-engine';
import type { MemberResult } from './collectors/types';
import type { Clock } from './core/clock';
import type { HealthRules } from './rules/health';
import { buildSnapshot, failedSnapshot, TargetMonitor } from './target-monitor';

export interface FedHostsDeps {
  clock: Clock;
  rules: HealthRules;
  monitors: Map<TargetId, TargetMonitor>;
  /** After a poll's members are known, all at once: the sample events and the alert engine. */
  published(polls: readonly PolledTarget[]): void;
  targetsChanged(): void;
}

const neverPolled = { collect: () => Promise.reject(new OpsError('UNAVAILABLE', 'This host is read through its data source.')) };

/** The id of a fed host: its source's id and its key there (Prometheus's instance, Zabbix's hostid). */
export function fedHostId(sourceId: TargetId, key: string): TargetId {
  return `${sourceId}:${key}`;
}

/**
 * Which reading wins when two know one machine: OpsDeck's own SSH poll (history, processes, its own
 * timing), then Prometheus (rates over the scrape interval), then Zabbix (items every minute or so).
 */
export function fleetRank(kind: string): number {
  if (kind === 'ssh') return 0;
  if (kind === 'prometheus') return 1;
  if (kind === 'zabbix') return 2;
  return 3;
}

/** Loopback names every source's own machine, not one shared machine: never a match. */
const LOOPBACK = /^(localhost(\.localdomain)?|127(\.\d{1,3}){3}|::1|0\.0\.0\.0|\[::1\])$/i;

/** Names and addresses, lower-cased, without ports ("10.0.0.5:9100" also as "10.0.0.5"), loopback left out. */
export function identities(names: ReadonlyArray<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw?.trim().toLowerCase();
    if (!name) continue;
    const port = /^(\[[^\]]+\]|[^:[\]]+):\d+$/.exec(name);
    for (const n of port ? [name, port[1]!] : [name]) if (!LOOPBACK.test(n) && !LOOPBACK.test(n.replace(/:\d+$/, ''))) out.add(n);
  }
  return [...out];
}

function memberIdentities(member: MemberResult): string[] {
  return identities([member.name, member.result?.facts.hostname ?? null, ...(member.aliases ?? []), member.key]);
}

interface Owner {
  target: Target;
  rank: number;
  /** The source feeding it; null for SSH hosts. */
  sourceId: TargetId | null;
}

export function createFedHosts(deps: FedHostsDeps) {
  const bySource = new Map<TargetId, Set<TargetId>>();
  const sources = new Map<TargetId, Target>();
  /** Names each fed host is known by, for the next source's poll to match against. */
  const namesOf = new Map<TargetId, string[]>();
  /** Per source: its members shown as another tile (member key -> that tile's id). */
  const folded = new Map<TargetId, Map<string, TargetId>>();
  let alsoIndex: Map<TargetId, NonNullable<Target['alsoFrom']>> | null = null;

  /** Every tile a member of `sourceId` could be the same machine as: SSH hosts and other sources' hosts. */
  function ownersByName(sourceId: TargetId): Map<string, Owner> {
    const names = new Map<string, Owner>();
    const offer = (name: string, owner: Owner) => {
      const had = names.get(name);
      if (!had || owner.rank < had.rank) names.set(name, owner);
    };
    for (const m of deps.monitors.values()) {
      if (m.target.kind === 'ssh') {
        for (const n of identities([m.latest?.facts.hostname ?? null, m.target.name])) offer(n, { target: m.target, rank: 0, sourceId: null });
      } else if (m.target.source && m.target.source.checkId !== sourceId) {
        for (const n of namesOf.get(m.target.id) ?? []) offer(n, { target: m.target, rank: fleetRank(m.target.source.kind), sourceId: m.target.source.checkId });
      }
    }
    return names;
  }

  /** The source answered just now that this host is down: a fresh fact, not stale data. */
  function downSnapshot(monitor: TargetMonitor, error: unknown): HostSnapshot {
    const { neverAnswered: _never, filesystems: _fs, ...snapshot } = failedSnapshot(monitor.target, monitor.latest, error, deps.clock.now());
    // No readings: the last ones are from before it went down and would look current.
    return { ...snapshot, metrics: {}, ts: deps.clock.now() };
  }

  function removeFed(id: TargetId): void {
    const m = deps.monitors.get(id);
    deps.monitors.delete(id);
    namesOf.delete(id);
    if (m?.target.source) bySource.get(m.target.source.checkId)?.delete(id);
  }

  function sameFolds(a: Map<string, TargetId> | undefined, b: Map<string, TargetId>): boolean {
    if (!a || a.size !== b.size) return false;
    for (const [k, v] of b) if (a.get(k) !== v) return false;
    return true;
  }

  return {
    /** A source's poll landed: its members' snapshots, new members added, vanished ones removed. */
    feed(source: Target, members: MemberResult[] | undefined, error: unknown): Map<string, Target> {
      const known = bySource.get(source.id) ?? new Set<TargetId>();
      sources.set(source.id, source);
      const shownAs = new Map<string, Target>();
      let changed = false;
      if (members === undefined) {
        // The source itself failed: its hosts are UNKNOWN with the source's reason, not gone.
        const failed: PolledTarget[] = [];
        for (const id of known) {
          const m = deps.monitors.get(id);
          if (!m) continue;
          m.latest = failedSnapshot(m.target, m.latest, error, deps.clock.now());
          failed.push({ target: m.target, snapshot: m.latest, fresh: false });
        }
        deps.published(failed);
        return shownAs;
      }
      const rank = fleetRank(source.kind);
      const owners = ownersByName(source.id);
      const folds = new Map<string, TargetId>();
      const seen = new Set<TargetId>();
      const polls: PolledTarget[] = [];
      for (const member of members) {
        const names = memberIdentities(member);
        let owner: Owner | undefined;
        for (const n of names) {
          const o = owners.get(n);
          if (o && (!owner || o.rank < owner.rank)) owner = o;
        }
        if (owner && owner.rank <= rank && deps.monitors.has(owner.target.id)) {
          // Known to a source that wins (or was there first at the same rank): shown once, as that tile.
          shownAs.set(member.key, owner.target);
          folds.set(member.key, owner.target.id);
          continue;
        }
        const id = fedHostId(source.id, member.key);
        if (owner && owner.sourceId) {
          // This source wins over the one showing the machine now: its tile goes, this one stands.
          removeFed(owner.target.id);
          const loser = folded.get(owner.sourceId) ?? new Map<string, TargetId>();
          loser.set(owner.target.id.slice(owner.sourceId.length + 1), id);
          folded.set(owner.sourceId, loser);
          changed = true;
        }
        seen.add(id);
        namesOf.set(id, names);
        let monitor = deps.monitors.get(id);
        if (!monitor || monitor.target.name !== member.name || monitor.target.intervalMs !== source.intervalMs || monitor.target.source?.name !== source.name) {
          const target: Target = { id, name: member.name, kind: member.kind, intervalMs: source.intervalMs, enabled: true, source: { checkId: source.id, kind: source.kind, name: source.name } };
          const next = new TargetMonitor(target, neverPolled, rulesForKind(deps.rules, member.kind), deps.clock);
          next.latest = monitor?.latest ?? null;
          deps.monitors.set(id, next);
          monitor = next;
          changed = true;
        }
        monitor.latest = member.result ? buildSnapshot(monitor.target, member.result, monitor.rules) : downSnapshot(monitor, member.error);
        polls.push({ target: monitor.target, snapshot: monitor.latest, fresh: member.result !== null });
      }
      for (const id of known) {
        if (!seen.has(id)) {
          removeFed(id);
          changed = true;
        }
      }
      bySource.set(source.id, seen);
      deps.published(polls);
      if (!sameFolds(folded.get(source.id), folds)) changed = true;
      folded.set(source.id, folds);
      if (changed) {
        alsoIndex = null;
        deps.targetsChanged();
      }
      return shownAs;
    },
    /** The source was removed or disabled: its hosts go with it. */
    drop(sourceId: TargetId): void {
      const known = bySource.get(sourceId);
      const hadFolds = (folded.get(sourceId)?.size ?? 0) > 0;
      folded.delete(sourceId);
      sources.delete(sourceId);
      alsoIndex = null;
      if (!known && !hadFolds) return;
      for (const id of known ?? []) removeFed(id);
      bySource.delete(sourceId);
      deps.targetsChanged();
    },
    hasMembers(sourceId: TargetId): boolean {
      return (bySource.get(sourceId)?.size ?? 0) > 0 || (folded.get(sourceId)?.size ?? 0) > 0;
    },
    /** The other sources that know the machine this tile shows (the tile says which reading it shows). */
    alsoFrom(targetId: TargetId): NonNullable<Target['alsoFrom']> {
      // Rebuilt from the folds at most once per call burst (getOverview asks for every tile).
      if (alsoIndex === null) {
        alsoIndex = new Map();
        for (const [sourceId, folds] of folded) {
          const source = sources.get(sourceId);
          if (!source || !deps.monitors.has(sourceId)) continue;
          for (const id of new Set(folds.values())) {
            const list = alsoIndex.get(id) ?? [];
            list.push({ checkId: source.id, kind: source.kind, name: source.name });
            alsoIndex.set(id, list);
          }
        }
      }
      return alsoIndex.get(targetId) ?? [];
    },
  };
}
