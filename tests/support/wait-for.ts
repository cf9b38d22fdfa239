// Polls `read` every 200 ms until it returns something truthy, for integration tests that wait
// on the engine (a login, a poll, a state change). The limit is a failure bound, not a timing
// assertion: a loaded machine only makes the wait longer.

export async function waitFor<T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 25_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
