// One connection per login, shared by reference count: a jump host's login serves every host
// behind it (and its own polls), and closes when the last of them lets go.

export interface Closable {
  close(): Promise<void>;
}

export interface Lease<T> {
  connection: T;
  /** Lets go of the connection; the last lease closes it. Idempotent. */
  release(): Promise<void>;
}

interface Entry<T> {
  opening: Promise<T>;
  /** Set once `opening` resolved. */
  connection?: T;
  refs: number;
}

export class SharedLogins<T extends Closable> {
  private readonly entries = new Map<string, Entry<T>>();

  /**
   * The connection for `key`, created by `create` when there is none. `reusable` may turn an
   * existing one down (say, one stuck on a refusal a person has since fixed): the next lease
   * then gets a fresh connection, and the old one closes when its holders let go.
   */
  async lease(key: string, create: () => Promise<T>, reusable: (connection: T) => boolean = () => true): Promise<Lease<T>> {
    let entry = this.entries.get(key);
    if (entry?.connection && !reusable(entry.connection)) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      const created: Entry<T> = { opening: Promise.resolve().then(create), refs: 0 };
      this.entries.set(key, created);
      created.opening.then(
        (connection) => (created.connection = connection),
        // A connection that could not even be built (no stored password...) is not kept.
        () => this.entries.get(key) === created && this.entries.delete(key),
      );
      entry = created;
    }
    const held = entry;
    held.refs++;
    let connection: T;
    try {
      connection = await held.opening;
    } catch (err) {
      held.refs--;
      throw err;
    }
    let released = false;
    return {
      connection,
      release: async () => {
        if (released) return;
        released = true;
        if (--held.refs > 0) return;
        if (this.entries.get(key) === held) this.entries.delete(key);
        await connection.close();
      },
    };
  }

  /** Logins currently shared (for tests). */
  get size(): number {
    return this.entries.size;
  }

  holders(key: string): number {
    return this.entries.get(key)?.refs ?? 0;
  }
}
