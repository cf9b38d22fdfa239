// `uname -snrm` ("Linux web1 6.1.0-18-amd64 x86_64") plus /etc/os-release: the facts shown for
// a host we reach over SSH, worded the way the local collector words this computer's.

import type { HostFacts } from '../../../shared/model';
import { fields } from './numbers';
import { parseOsReleaseName } from './os-release';

// uname -m names, translated to Node's os.arch() names so local and remote facts read alike.
// A Map, not an object literal: a machine field such as "constructor" must not find a prototype member.
const ARCH_NAMES = new Map(Object.entries({
  x86_64: 'x64', amd64: 'x64', i386: 'ia32', i486: 'ia32', i586: 'ia32', i686: 'ia32',
  aarch64: 'arm64', arm64: 'arm64', armv6l: 'arm', armv7l: 'arm', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64',
}));

/** Facts from the two sections; a missing section leaves its facts null. */
export function hostFacts(uname: string | null, osRelease: string | null): HostFacts {
  const [sysname, nodename, release, machine] = fields(uname?.split('\n')[0] ?? '');
  const distribution = osRelease === null ? null : parseOsReleaseName(osRelease);
  return {
    hostname: nodename ?? null,
    os: distribution ?? (sysname && release ? `${sysname} ${release}` : null),
    kernel: release ?? null,
    arch: machine ? (ARCH_NAMES.get(machine) ?? machine) : null,
  };
}
