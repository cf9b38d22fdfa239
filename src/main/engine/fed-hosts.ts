// Hosts a data source feeds (Prometheus): one monitor per member, updated by its source's
// poll instead of a poll of its own, so 5,000 hosts cost one request per source per interval.
// OpsDeck keeps no history for them (their charts ask the source), and a host OpsDeck already
// polls over SSH is shown once, as the SSH tile (it has OpsDeck's own history and processes).
import { OpsError } from '../../shared/errors';
import type { HostSnapshot, Target, TargetId } from '../../shared/model';
import { rulesForKind } from './collectors/registry';
import type { MemberResult } from './collectors/types';
import type { Clock } from './core/clock';
import type { HealthRules } from './rules/health';
import { buildSnapshot, failedSnapshot, TargetMonitor } from './target-monitor';

export interface FedHostsDeps {
  clock: Clock;
  rules: HealthRules;
  monitors: Map<TargetId, TargetMonitor>;
  /** After each member's snapshot is known: the sample event and the alert engine. */
  published(target: Target, snapshot: HostSnapshot, fresh: boolean): void;
  targetsChanged(): void;
}

const neverPolled = { collect: () => Promise.reject(new OpsError('UNAVAILABLE', 'This host is read through its data source.')) };

/** The id of a fed host: its source's id and its key there (Prometheus's instance). */
export function fedHostId(sourceId: TargetId, key: string): TargetId {
  return `${sourceId}:${key}`;
}

export function createFedHosts(deps: FedHostsDeps) {
  const bySource = new Map<TargetId, Set<TargetId>>();

  /** SSH hosts OpsDeck polls itself, by the host name they report: the tile a duplicate folds into. */
  function ownHostsByName(): Map<string, Target> {
    const names = new Map<string, Target>();
    for (const m of deps.monitors.values()) {
      const hostname = m.target.kind === 'ssh' ? m.latest?.facts.hostname : null;
      if (hostname) names.set(hostname.toLowerCase(), m.target);
    }
    return names;
  }

  /** The source answered just now that this host is down: a fresh fact, not stale data. */
  function downSnapshot(monitor: TargetMonitor, error: unknown): HostSnapshot {
    const { neverAnswered: _never, filesystems: _fs, ...snapshot } = failedSnapshot(monitor.target, monitor.latest, error, deps.clock.now());
    // No readings: the last ones are from before it went down and would look current.
    return { ...snapshot, metrics: {}, ts: deps.clock.now() };
  }

  return {
    /** A source's poll landed: its members' snapshots, new members added, vanished ones removed. */
    feed(source: Target, members: MemberResult[] | undefined, error: unknown): Map<string, Target> {
      const known = bySource.get(source.id) ?? new Set<TargetId>();
      const shownAs = new Map<string, Target>();
      let changed = false;
      if (members === undefined) {
        // The source itself failed: its hosts are UNKNOWN with the source's reason, not gone.
        for (const id of known) {
          const m = deps.monitors.get(id);
          if (!m) continue;
          m.latest = failedSnapshot(m.target, m.latest, error, deps.clock.now());
          deps.published(m.target, m.latest, false);
        }
        return shownAs;
      }
      const own = ownHostsByName();
      const seen = new Set<TargetId>();
      for (const member of members) {
        const duplicate = member.result?.facts.hostname ? own.get(member.result.facts.hostname.toLowerCase()) : undefined;
        if (duplicate) {
          shownAs.set(member.key, duplicate);
          continue;
        }
        const id = fedHostId(source.id, member.key);
        seen.add(id);
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
        deps.published(monitor.target, monitor.latest, member.result !== null);
      }
      for (const id of known) {
        if (!seen.has(id)) {
          deps.monitors.delete(id);
          changed = true;
        }
      }
      bySource.set(source.id, seen);
      if (changed) deps.targetsChanged();
      return shownAs;
    },
    /** The source was removed or disabled: its hosts go with it. */
    drop(sourceId: TargetId): void {
      const known = bySource.get(sourceId);
      if (!known) return;
      for (const id of known) deps.monitors.delete(id);
      bySource.delete(sourceId);
      deps.targetsChanged();
    },
    hasMembers(sourceId: TargetId): boolean {
      return (bySource.get(sourceId)?.size ?? 0) > 0;
    },
  };
}
