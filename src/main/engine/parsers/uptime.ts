// /proc/uptime: "236.95 346.51" (seconds since boot, idle seconds summed over all CPUs).

import { decimalAt, lineEnd, TokenScanner } from './numbers';

export interface Uptime {
  uptimeSeconds: number;
  /** Summed over CPUs, so it can exceed uptimeSeconds on a multi-core host. */
  idleSeconds: number | null;
}

export function parseUptime(text: string): Uptime | null {
  const scan = new TokenScanner(text).reset(0, lineEnd(text, 0));
  const decimal = (): number | null => (scan.next() ? decimalAt(text, scan.start, scan.end) : null);
  const uptimeSeconds = decimal();
  if (uptimeSeconds === null) return null;
  return { uptimeSeconds, idleSeconds: decimal() };
}
