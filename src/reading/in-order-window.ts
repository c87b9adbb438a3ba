/**
 * Maps items through an async function with at most `width` calls in flight,
 * results in input order. Pages of one fax are OCR'd in parallel, as many at
 * a time as the pool has workers, so a lone fax keeps every core busy while
 * memory stays bounded to a few decoded pages.
 */
export async function mapInWindow<T, R>(
  items: readonly T[],
  width: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, lane));
  return results;
}
