// The logs part of the contract: live views of log sources (a `tail -F` or `journalctl -f` on
// the source's server, over the login its polls already hold), each with a lease the screen
// renews, so a closed tab, a crashed window or a dropped socket still ends the remote process;
// and the errors and warnings the sources' polls kept, for "jump to this time".
import { randomBytes } from 'node:crypto';
import type { LogFileInfo, LogsApi } from '../../../shared/api';
import type { MethodKeys } from '../../../shared/contract/define';
import { OpsError } from '../../../shared/errors';
import type { LogBatch, LogViewOpened } from '../../../shared/logs';
import { journaldConfig, selectorOf } from '../collectors/journald';
import { logFileConfig, matchingFiles } from '../collectors/log-file';
import type { Clock, TimerHandle } from '../core/clock';
import type { Logger } from '../core/logger';
import type { LogEventsStore } from '../store/log-events-table';
import type { StoredCheck } from '../store/checks-table';
import type { RemoteProcess } from '../transport/remote-process';
import { FileFollower } from './file-follower';
import { JournalFollower } from './journal-follower';
import type { ProcessOpener } from './run-script';

export type LogsMethods = Pick<LogsApi, MethodKeys<LogsApi>>;

export interface LogsModuleDeps {
  clock: Clock;
  logger: Logger;
  emit(batch: LogBatch): void;
  getCheck(checkId: string): StoredCheck | null;
  openProcess(hostId: string, script: string, opts: { timeoutMs: number; endInput?: boolean }): Promise<RemoteProcess>;
  events(): LogEventsStore;
  /** Lease of a view; default 30 s. */
  leaseMs?: number;
}

/** Views open at once in this engine, and per source: each is a process on a server. */
export const MAX_VIEWS = 24;
export const MAX_VIEWS_PER_SOURCE = 4;
const DEFAULT_LINES = 200;
const DEFAULT_LEASE_MS = 30_000;

interface View {
  id: string;
  checkId: string;
  follower: FileFollower | JournalFollower;
  expiresAt: number;
  timer: TimerHandle | null;
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, check: StoredCheck): T {
  const r = schema.safeParse(check.config);
  if (!r.success) throw new OpsError('CHECK_INVALID', `The settings of "${check.name}" are no longer valid; open it in the inventory and save it again.`);
  return r.data;
}

export function createLogsModule(deps: LogsModuleDeps) {
  const { clock, logger } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const views = new Map<string, View>();

  function requireLogCheck(checkId: string): StoredCheck {
    const check = deps.getCheck(checkId);
    if (!check) throw new OpsError('NOT_FOUND', `There is no log source "${checkId}". It may have been deleted; reload the page.`);
    if (check.kind !== 'log-file' && check.kind !== 'journald') throw new OpsError('INVALID_ARGUMENT', `"${check.name}" is not a log source.`);
    if (!check.parentId) throw new OpsError('CHECK_INVALID', `"${check.name}" has no server; pick one in its settings.`);
    return check;
  }

  function opener(hostId: string): ProcessOpener {
    return (script, opts) => deps.openProcess(hostId, script, opts);
  }

  function armLease(view: View): void {
    if (view.timer) clock.clearTimeout(view.timer);
    view.expiresAt = clock.now() + leaseMs;
    view.timer = clock.setTimeout(() => {
      logger.log('info', 'log-view-expired', { subscriptionId: view.id, checkId: view.checkId });
      void closeView(view.id);
    }, leaseMs);
  }

  async function closeView(id: string): Promise<void> {
    const view = views.get(id);
    if (!view) return;
    views.delete(id);
    if (view.timer) clock.clearTimeout(view.timer);
    await view.follower.close();
    logger.log('info', 'log-view-closed', { subscriptionId: id, checkId: view.checkId });
  }

  async function filesOf(check: StoredCheck): Promise<LogFileInfo[]> {
    const config = parsed(logFileConfig, check);
    return (await matchingFiles(opener(check.parentId!), config.path)).info;
  }

  const methods: LogsMethods = {
    async openLogView({ checkId, lines, file }): Promise<LogViewOpened> {
      const check = requireLogCheck(checkId);
      if (views.size >= MAX_VIEWS) throw new OpsError('TOO_LARGE', `OpsDeck already follows ${MAX_VIEWS} logs at once. Close a logs page first.`);
      if ([...views.values()].filter((v) => v.checkId === checkId).length >= MAX_VIEWS_PER_SOURCE) {
        throw new OpsError('TOO_LARGE', `This log is already open in ${MAX_VIEWS_PER_SOURCE} views. Close one first.`);
      }
      const id = `lv-${randomBytes(12).toString('hex')}`;
      let batch = 0;
      const sink = (b: Omit<LogBatch, 'subscriptionId' | 'batch'>) => {
        if (b.items.length === 0 && !b.error && b.state === 'following' && batch > 1) return;
        deps.emit({ subscriptionId: id, batch: ++batch, ...b });
        if (b.state === 'ended') void closeView(id);
      };
      const open = opener(check.parentId!);
      let follower: FileFollower | JournalFollower;
      let followed: string | null = null;
      if (check.kind === 'log-file') {
        const config = parsed(logFileConfig, check);
        followed = config.path;
        if (/[*?[]/.test(config.path)) {
          const files = (await matchingFiles(open, config.path)).files;
          if (files.length === 0) throw new OpsError('LOG_NOT_FOUND', `No file on the server matches ${config.path}.`);
          followed = file && files.includes(file) ? file : files[0]!;
        } else if (file && file !== config.path) {
          throw new OpsError('INVALID_ARGUMENT', `This source follows ${config.path} only.`);
        }
        follower = new FileFollower({ open, path: followed, lines: lines ?? DEFAULT_LINES, clock, logger, sink });
      } else {
        const config = parsed(journaldConfig, check);
        follower = new JournalFollower({ open, selector: selectorOf(config), lines: lines ?? DEFAULT_LINES, clock, logger, sink });
      }
      const view: View = { id, checkId, follower, expiresAt: 0, timer: null };
      views.set(id, view);
      armLease(view);
      follower.start();
      logger.log('info', 'log-view-opened', { subscriptionId: id, checkId, kind: check.kind });
      return { subscriptionId: id, checkId, leaseMs, file: followed };
    },
    async renewLogView({ subscriptionId }) {
      const view = views.get(subscriptionId);
      if (!view) throw new OpsError('NOT_FOUND', 'This log view was closed (it was not renewed in time, or the source was removed). Open it again.');
      armLease(view);
    },
    async closeLogView({ subscriptionId }) {
      await closeView(subscriptionId);
    },
    async listLogFiles({ checkId }) {
      const check = requireLogCheck(checkId);
      if (check.kind !== 'log-file') return [];
      return filesOf(check);
    },
    async listLogEvents({ checkId, from, until, limit }) {
      return deps.events().query(checkId, from, until, limit ?? 1_000);
    },
  };

  return {
    methods,
    /** Views open now (for tests). */
    get openViews(): number {
      return views.size;
    },
    /** A source was deleted: its views end and its kept events go. */
    async sourceRemoved(checkId: string): Promise<void> {
      await Promise.all([...views.values()].filter((v) => v.checkId === checkId).map((v) => closeView(v.id)));
      deps.events().deleteCheck(checkId);
    },
    async close(): Promise<void> {
      await Promise.all([...views.keys()].map(closeView));
    },
  };
}

export type LogsModule = ReturnType<typeof createLogsModule>;
