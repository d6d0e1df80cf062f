/**
 * A binary min-heap of items by (time, key): the running cases ordered by when their next step is recorded.
 * The key (a case's own number) breaks ties, so equal times come out in an order that does not depend on when
 * or where the cases were queued - a run split over worker threads merges into the same log.
 */
export class CaseQueue<T> {
  private readonly items: { time: number; key: number; item: T }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(time: number, key: number, item: T): void {
    const items = this.items;
    const entry = { time, key, item };
    let i = items.length;
    items.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = entry;
  }

  /** The earliest time in the queue, or Infinity when it is empty. */
  peekTime(): number {
    return this.items.length > 0 ? this.items[0].time : Number.POSITIVE_INFINITY;
  }

  pop(): T | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && before(items[right], items[left]) ? right : left;
        if (!before(items[child], last)) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top.item;
  }
}

/** Log order: by time, then by key. */
export const before = (a: { time: number; key: number }, b: { time: number; key: number }): boolean =>
  a.time < b.time || (a.time === b.time && a.key < b.key);
