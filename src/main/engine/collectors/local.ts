// The collector for the computer OpsDeck runs on: procfs on Linux, Node's os module
// elsewhere. Facts (hostname, OS, kernel, architecture) are read the same way everywhere.

import { OpsError } from '../../../shared/errors';
import type { Clock } from '../core/clock';
import { createFactsReader } from './local-facts';
import { createProcReader, PROC_SECTIONS } from './local-linux';
import { createPortableReader } from './local-portable';
import type { HostKind } from './check-kind';
import { hostDescriptor } from './host-descriptor';
import type { HostCollectResult, HostKindCollector } from './types';

export interface LocalCollectorOptions {
  clock: Clock;
  /** Defaults to process.platform; tests force it to exercise the macOS/Windows path. */
  platform?: NodeJS.Platform;
  /** Where procfs is mounted (Linux only); tests point it at a folder of fixtures. */
  procRoot?: string;
}

export function createLocalCollector(opts: LocalCollectorOptions): HostKindCollector {
  const { clock } = opts;
  const platform = opts.platform ?? process.platform;
  const procRoot = opts.procRoot ?? '/proc';
  const readFacts = createFactsReader(platform);

  const readLinux = createProcReader(procRoot, clock);
  const readPortable = createPortableReader(platform, clock);

  async function collectOnce(): Promise<HostCollectResult> {
    const ts = clock.now();
    const facts = await readFacts();
    if (platform !== 'linux') return { ts, ...(await readPortable()), facts };

    const { metrics, filesystems, sectionsRead } = await readLinux(ts);
    if (sectionsRead === 0) {
      throw new OpsError(
        'COLLECT_FAILED',
        `None of ${PROC_SECTIONS.join(', ')} could be read under ${procRoot}. ` +
          'Check that /proc is mounted and readable by the user running OpsDeck.',
      );
    }
    return { ts, metrics, filesystems, facts };
  }

  // Overlapping calls share one reading: two readers advancing the same baselines at once
  // would turn a poll interval into two half-intervals of noise.
  let inFlight: Promise<HostCollectResult> | null = null;
  return {
    collect() {
      inFlight ??= collectOnce().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}

/** This computer as a kind: the engine watches it from start, with the shipped thresholds. */
export const localKind: HostKind = {
  kind: 'local',
  managedBy: 'engine',
  descriptor: hostDescriptor('local', { ko: '이 컴퓨터', en: 'This computer' }, 2_000),
  defaultRules: [],
};
