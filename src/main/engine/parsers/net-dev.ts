// /proc/net/dev: two header lines, then "  eth0: rx(8 columns) tx(8 columns)". Old kernels
// glue large numbers to the colon ("eth0:1234"), so the name is cut at the colon, not at a
// space. Loopback is skipped: its traffic never leaves the host.

import { isTrimmedSpace, lineEnd, TokenScanner } from './numbers';

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

/** The interface name before the colon at text[from, colon), or null (empty, or with a space or "|" inside). */
function interfaceName(text: string, from: number, colon: number): string | null {
  while (from < colon && isTrimmedSpace(text.charCodeAt(from))) from++;
  let end = from;
  while (end < colon && !isTrimmedSpace(text.charCodeAt(end)) && text.charCodeAt(end) !== 124) end++;
  if (end === from) return null;
  // Only trailing whitespace may follow the name (header lines such as "face |bytes" do not).
  for (let i = end; i < colon; i++) if (!isTrimmedSpace(text.charCodeAt(i))) return null;
  return text.slice(from, end);
}

// Columns after the colon: rx bytes, packets, errs, drop (0-3), ... tx the same from 8.
const RX_BYTES = 0;
const TX_BYTES = 8;
const COLUMNS = 16;

/** Every interface except lo, or null when no interface line could be read. */
export function parseNetDev(text: string): NetCounters[] | null {
  const interfaces: NetCounters[] = [];
  const scan = new TokenScanner(text);
  const n: number[] = new Array<number>(COLUMNS).fill(0);
  let sawInterface = false;
  let colon = -1;
  for (let from = 0, to = 0; from <= text.length; from = to + 1) {
    to = lineEnd(text, from);
    // The next colon is looked up once, not once per line: header lines have none.
    if (colon < from) colon = text.indexOf(':', from);
    if (colon < 0) break;
    if (colon >= to) continue;
    const name = interfaceName(text, from, colon);
    if (name === null || !readColumns(scan.reset(colon + 1, to), n)) continue;
    sawInterface = true;
    if (name === 'lo') continue;
    const at = (i: number): number => n[i] ?? 0;
    interfaces.push({
      name,
      rxBytes: at(RX_BYTES),
      rxPackets: at(RX_BYTES + 1),
      rxErrors: at(RX_BYTES + 2),
      rxDropped: at(RX_BYTES + 3),
      txBytes: at(TX_BYTES),
      txPackets: at(TX_BYTES + 1),
      txErrors: at(TX_BYTES + 2),
      txDropped: at(TX_BYTES + 3),
    });
  }
  return sawInterface ? interfaces : null;
}

/** Reads the first 16 columns into `n`; false unless there are 16 or more and all are counters. */
function readColumns(scan: TokenScanner, n: number[]): boolean {
  let count = 0;
  while (scan.next()) {
    const value = scan.counter();
    if (value === null) return false;
    if (count < COLUMNS) n[count] = value;
    count++;
  }
  return count >= COLUMNS;
}
