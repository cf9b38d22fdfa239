// What `opsdeck serve` prints once it listens: the operator's console link and the read-only
// wall link, each with its token (the way Jupyter prints its link). Printed to the terminal
// only; the log gets the address without tokens.
import type { RunningServer } from './server';

export interface LinkOutput {
  out(text: string): void;
  err(text: string): void;
}

export function printServeLinks(io: LinkOutput, server: Pick<RunningServer, 'consoleUrl' | 'wallUrl' | 'otherWallUrls'>, listensBeyondLoopback: boolean): void {
  io.out(`Open ${server.consoleUrl} in a browser. Press Ctrl+C to stop.`);
  io.out(`Wall screen, read-only: ${server.wallUrl}`);
  for (const url of server.otherWallUrls) io.out(`Wall screen from the network: ${url}`);
  io.out('Anyone with a link can use it; "opsdeck token rotate" replaces both tokens.');
  if (listensBeyondLoopback) {
    io.err('opsdeck: warning: serve listens beyond this computer: the wall link (read-only) is for screens on your network; keep the console link to yourself.');
  }
}
