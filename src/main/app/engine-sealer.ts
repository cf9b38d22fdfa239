// The utility-process side of sealing: a Sealer whose seal/unseal are requests to the main
// process (safe-storage-sealer.ts answers them with Electron's safeStorage). Electron-free,
// like engine-server.ts; each request has a deadline so a busy main process cannot hang a login.
import { isErrorCode, OpsError } from '../../shared/errors';
import type { SealerBackend, SealerProtection } from '../engine/secrets/sealer';
import { MAX_SEALER_PAYLOAD_CHARS, type EngineToMainMessage, type SealerReply, type SealerRequest } from './engine-protocol';

interface Pending {
  op: SealerRequest['op'];
  resolve(reply: Extract<SealerReply, { ok: true }>): void;
  reject(err: OpsError): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface PortSealerOptions {
  /** Deadline of one request; macOS may show a Keychain prompt, so allow a person time to answer. */
  timeoutMs?: number;
}

export class PortSealer implements SealerBackend {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly post: (message: EngineToMainMessage) => void,
    private readonly opts: PortSealerOptions = {},
  ) {}

  async protection(): Promise<SealerProtection> {
    const reply = await this.request({ op: 'protection' });
    if (reply.op !== 'protection') throw mismatched();
    return reply.protection;
  }

  async seal(plain: string): Promise<Buffer> {
    // The main process would drop it as malformed; say why now instead of at the deadline.
    if (plain.length > MAX_SEALER_PAYLOAD_CHARS) throw new OpsError('TOO_LARGE', `This password or passphrase is too long to store (at most ${MAX_SEALER_PAYLOAD_CHARS} characters).`);
    const reply = await this.request({ op: 'seal', plain });
    if (reply.op !== 'seal') throw mismatched();
    return Buffer.from(reply.blob, 'base64');
  }

  async unseal(blob: Buffer): Promise<string> {
    const reply = await this.request({ op: 'unseal', blob: blob.toString('base64') });
    if (reply.op !== 'unseal') throw mismatched();
    return reply.plain;
  }

  /** Called by engine-server with each `sealer-reply` from the main process. */
  handleReply(id: number, reply: SealerReply): void {
    const entry = this.pending.get(id);
    if (!entry) return; // answered after its deadline
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (!reply.ok) entry.reject(new OpsError(isErrorCode(reply.error.code) ? reply.error.code : 'INTERNAL', reply.error.message));
    else if (reply.op !== entry.op) entry.reject(mismatched());
    else entry.resolve(reply);
  }

  private request(request: SealerRequest): Promise<Extract<SealerReply, { ok: true }>> {
    const id = this.nextId++;
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new OpsError('TIMEOUT', `The OpsDeck window process did not answer a request to encrypt or decrypt a password within ${Math.round(timeoutMs / 1000)} s. Try again; if it keeps happening, restart OpsDeck.`));
      }, timeoutMs);
      timer.unref?.();
      this.pending.set(id, { op: request.op, resolve, reject, timer });
      try {
        this.post({ type: 'sealer-request', id, request });
      } catch {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(new OpsError('UNAVAILABLE', 'The engine could not reach the OpsDeck window process to encrypt or decrypt a password. Restart OpsDeck.'));
      }
    });
  }
}

const mismatched = (): OpsError => new OpsError('PROTOCOL', 'The OpsDeck window process answered a different secrets request than the one asked. Restart OpsDeck.');
