/** At most `size` at once, in order: a slow item holds one slot while the others go on. */
export async function inPool<T>(
  items: readonly T[],
  size: number,
  work: (item: T, slot: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const slot = async (n: number) => {
    while (next < items.length) await work(items[next++], n);
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(size, items.length)) }, (_, n) => slot(n)),
  );
}
