// A Duplex that looks enough like a net.Socket for pg's `stream` option and carries the bytes
// over a tunnel channel opened on an existing SSH login (no local port). pg calls
// setNoDelay() and connect(port, host), then waits for 'connect'; pg.Pool also calls ref() and
// unref(). An ssh2 channel has none of them.
// A sketch for the engine's transport: the tests prove pg runs over it.
import { Duplex } from 'node:stream';

export class TunnelSocket extends Duplex {
  private channel: Duplex | null = null;
  private queued: Array<{ chunk: Buffer; callback: (err?: Error | null) => void }> = [];

  constructor(private readonly open: () => Promise<Duplex>) {
    super();
  }

  /** Opens the channel; pg passes the port and host it was configured with, which the tunnel already knows. */
  connect(): this {
    this.open().then(
      (channel) => {
        if (this.destroyed) {
          channel.destroy();
          return;
        }
        this.channel = channel;
        channel.on('data', (data: Buffer) => {
          if (!this.push(data)) channel.pause();
        });
        channel.on('end', () => this.push(null));
        channel.on('error', (err: Error) => this.destroy(err));
        channel.on('close', () => this.destroy());
        for (const { chunk, callback } of this.queued.splice(0)) channel.write(chunk, callback);
        this.emit('connect');
      },
      (err: Error) => this.destroy(err),
    );
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  // pg.Pool refs a client's socket while in use and unrefs it when idle. A channel holds no
  // event-loop handle of its own (the SSH connection's socket does), so there is nothing to do.
  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {
    this.channel?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.channel) this.channel.write(chunk, callback);
    else this.queued.push({ chunk, callback });
  }

  override _final(callback: (err?: Error | null) => void): void {
    if (this.channel) this.channel.end(callback);
    else callback();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.channel?.destroy();
    callback(err);
  }
}
