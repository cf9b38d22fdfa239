// Starts several servers at once and, when one fails, stops the others before rethrowing: a
// plain Promise.all would leave them running (and their temp folders behind) once the test
// file's worker gives up.
export async function startTogether<T extends readonly { stop(): Promise<void> }[]>(...starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.stop().catch(() => undefined) : undefined)));
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<T[number]>).value) as unknown as T;
}
