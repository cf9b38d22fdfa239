// Facts about the computer OpsDeck runs on. They change only with an upgrade or a reboot, so
// the OS name is read once per collector.

import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { HostFacts } from '../../../shared/model';
import { parseOsReleaseName } from '../parsers/os-release';

// The os-release spec: /etc/os-release first, /usr/lib/os-release when /etc has none.
const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'];

async function linuxDistribution(): Promise<string | null> {
  for (const path of OS_RELEASE_PATHS) {
    const text = await readFile(path, 'utf8').catch(() => null);
    const name = text === null ? null : parseOsReleaseName(text);
    if (name) return name;
  }
  return null;
}

export function createFactsReader(platform: NodeJS.Platform): () => Promise<HostFacts> {
  let osName: Promise<string> | null = null;
  return async () => {
    osName ??= (platform === 'linux' ? linuxDistribution() : Promise.resolve(null)).then(
      (name) => name ?? `${os.type()} ${os.release()}`,
    );
    return {
      hostname: os.hostname() || null,
      os: await osName,
      kernel: os.release() || null,
      arch: os.arch() || null,
    };
  };
}
