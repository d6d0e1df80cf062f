import { CaseQueue } from './case-queue';
import { Random } from '../random';

describe('CaseQueue', () => {
  it('gives items by time, equal times by key, whatever the order they were queued in', () => {
    const items = [
      [5, 2],
      [1, 9],
      [5, 1],
      [3, 3],
      [1, 2],
      [9, 0],
    ] as const;
    const popAll = (order: readonly (readonly [number, number])[]) => {
      const queue = new CaseQueue<string>();
      for (const [time, key] of order) queue.push(time, key, `${time}/${key}`);
      const out: string[] = [];
      for (let item = queue.pop(); item !== undefined; item = queue.pop()) out.push(item);
      return out;
    };
    const expected = ['1/2', '1/9', '3/3', '5/1', '5/2', '9/0'];
    expect(popAll(items)).toEqual(expected);
    expect(popAll([...items].reverse())).toEqual(expected);
  });

  it('keeps the heap order over many random pushes and pops', () => {
    const random = Random.stream(1, 99);
    const queue = new CaseQueue<number>();
    const shadow: [number, number][] = [];
    for (let i = 0; i < 5000; i += 1) {
      if (shadow.length > 0 && random.chance(0.4)) {
        shadow.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(queue.peekTime()).toBe(shadow[0][0]);
        expect(queue.pop()).toBe(shadow.shift()![1]);
      } else {
        const entry: [number, number] = [random.int(0, 50), i];
        shadow.push(entry);
        queue.push(entry[0], entry[1], entry[1]);
      }
    }
    expect(queue.size).toBe(shadow.length);
  });
});
