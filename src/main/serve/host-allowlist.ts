// Which Host (and Origin) values serve answers: the names and addresses it listens on, with its
// port, plus names the person adds with --allow-host. A page reached through any other name
// (a DNS-rebinding attack points evil.example at 127.0.0.1) gets 403 and nothing else.
import type { IncomingMessage } from 'node:http';
import os from 'node:os';

export interface HostAllowlist {
  /** Host header values accepted, lower case, each with its port ("127.0.0.1:7420"). */
  readonly hosts: ReadonlySet<string>;
  allowsHost(host: string | undefined): boolean;
  /** No Origin (a non-browser client) is allowed here; a browser's must name an allowed host over http. */
  allowsOrigin(origin: string | undefined): boolean;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]']);

/** A name as it appears in a Host header: IPv6 in brackets, lower case. */
export function hostHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a)
    .map((a) => hostHeaderName(a.address.split('%')[0]!));
}

export function createHostAllowlist(opts: { listenHost: string; port: number; extraNames?: readonly string[]; interfaces?: () => string[] }): HostAllowlist {
  const listen = hostHeaderName(opts.listenHost);
  const names = new Set<string>();
  if (ANY_ADDRESS.has(listen)) {
    for (const n of [...LOOPBACK_NAMES, ...(opts.interfaces ?? interfaceAddresses)()]) names.add(n);
  } else if (listen === 'localhost' || listen === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(listen)) {
    for (const n of [...LOOPBACK_NAMES, listen]) names.add(n);
  } else {
    names.add(listen);
  }
  for (const extra of opts.extraNames ?? []) names.add(hostHeaderName(extra));
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${opts.port}`);
    if (opts.port === 80) hosts.add(name); // browsers leave the default port out
  }
  const allowsHost = (host: string | undefined) => typeof host === 'string' && hosts.has(host.trim().toLowerCase());
  return {
    hosts,
    allowsHost,
    allowsOrigin(origin) {
      if (origin === undefined) return true;
      try {
        const url = new URL(origin);
        return (url.protocol === 'http:' || url.protocol === 'https:') && allowsHost(url.host);
      } catch {
        return false; // "null" (a sandboxed frame, a file: page) and garbage alike
      }
    },
  };
}

/** Host and Origin of a request both allowed. */
export function requestAllowed(req: IncomingMessage, allowlist: HostAllowlist): boolean {
  const origin = req.headers.origin;
  return allowlist.allowsHost(req.headers.host) && allowlist.allowsOrigin(typeof origin === 'string' ? origin : undefined);
}
