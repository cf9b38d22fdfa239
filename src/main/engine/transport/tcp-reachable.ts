// Is anything listening at host:port? Asked before any credential is looked up, so a closed port
// or a wrong address says UNREACHABLE instead of a complaint about keys or passwords.
import net from 'node:net';
import { OpsError } from '../../../shared/errors';
import { mapConnectError } from './ssh-errors';

/** Resolves once a TCP connection opened (then closes it); rejects with UNREACHABLE or TIMEOUT. */
export function checkTcpReachable(host: string, port: number, timeoutMs: number): Promise<void> {
  const target = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const done = (err?: OpsError) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => done(mapConnectError(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }), target, { username: '', methods: [], readyTimeoutMs: timeoutMs })), timeoutMs);
    socket.once('connect', () => done());
    socket.once('error', (err) => done(mapConnectError(err, target, { username: '', methods: [], readyTimeoutMs: timeoutMs })));
  });
}
