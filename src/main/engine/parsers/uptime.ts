// /proc/uptime: "236.95 346.51" (seconds since boot, idle seconds summed over all CPUs).

import { fields, parseDecimal } from './numbers';

export interface Uptime {
  uptimeSeconds: number;
  /** Summed over CPUs, so it can exceed uptimeSeconds on a multi-core host. */
  idleSeconds: number | null;
}

export function parseUptime(text: string): Uptime | null {
  const [up, idle] = fields(text.split('\n')[0] ?? '');
  const uptimeSeconds = parseDecimal(up);
  if (uptimeSeconds === null) return null;
  return { uptimeSeconds, idleSeconds: parseDecimal(idle) };
}
