// /proc/net/dev: two header lines, then "  eth0: rx(8 columns) tx(8 columns)". Old kernels
// glue large numbers to the colon ("eth0:1234"), so the name is cut at the colon, not at a
// space. Loopback is skipped: its traffic never leaves the host.

import { fields, parseCounter } from './numbers';

export interface NetCounters {
  name: string;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
}

// Container and VM plumbing: a packet to a container crosses its veth, the bridge and the
// uplink, so summing them would count it three times. Bonds, VLANs and user bridges cannot
// be told apart by name alone and are still summed.
const VIRTUAL_SWITCHING = /^(veth|docker\d|br-|virbr|lxcbr|lxdbr|cni|flannel|cali|vxlan\.calico|ifb|vnet|kube-)/;

/** Whether an interface's traffic belongs in the host's total (see VIRTUAL_SWITCHING). */
export function countsTowardHostTraffic(name: string): boolean {
  return name !== 'lo' && !VIRTUAL_SWITCHING.test(name);
}

/** Every interface except lo, or null when no interface line could be read. */
export function parseNetDev(text: string): NetCounters[] | null {
  const interfaces: NetCounters[] = [];
  let sawInterface = false;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (name.length === 0 || /\s|\|/.test(name)) continue;
    const n = fields(line.slice(colon + 1)).map(parseCounter);
    if (n.length < 16 || n.some((v) => v === null)) continue;
    sawInterface = true;
    if (name === 'lo') continue;
    const at = (i: number): number => n[i] ?? 0;
    interfaces.push({
      name,
      rxBytes: at(0),
      rxPackets: at(1),
      rxErrors: at(2),
      rxDropped: at(3),
      txBytes: at(8),
      txPackets: at(9),
      txErrors: at(10),
      txDropped: at(11),
    });
  }
  return sawInterface ? interfaces : null;
}
