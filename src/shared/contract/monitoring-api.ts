// Watched targets, their latest state and their history.
import type { HostSnapshot, OverviewTile, SeriesQuery, SeriesResult, Target, TargetId } from '../model';
import { defineService, type Unsubscribe } from './define';

export interface SampleEvent {
  snapshot: HostSnapshot;
}

export interface TargetsChangedEvent {
  targets: Target[];
}

export interface MonitoringApi {
  listTargets(): Promise<Target[]>;
  getOverview(): Promise<OverviewTile[]>;
  getSnapshot(args: { targetId: TargetId }): Promise<HostSnapshot | null>;
  getSeries(args: SeriesQuery): Promise<SeriesResult>;

  onDidSample(listener: (event: SampleEvent) => void): Unsubscribe;
  onDidChangeTargets(listener: (event: TargetsChangedEvent) => void): Unsubscribe;
}

export const MONITORING_API = defineService<MonitoringApi>(
  'monitoring',
  {
    listTargets: { channel: 'opsdeck:list-targets', access: 'read', noArgument: true },
    getOverview: { channel: 'opsdeck:get-overview', access: 'read', noArgument: true },
    getSnapshot: { channel: 'opsdeck:get-snapshot', access: 'read' },
    getSeries: { channel: 'opsdeck:get-series', access: 'read' },
  },
  {
    onDidSample: 'opsdeck:did-sample',
    onDidChangeTargets: 'opsdeck:did-change-targets',
  },
);
