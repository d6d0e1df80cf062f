import { dayStats } from './stats';

it('gives count, nearest-rank median and p90, and max', () => {
  expect(dayStats([])).toEqual({ count: 0, median: null, p90: null, max: null });
  expect(dayStats([10, 1, 7, 3, 5, 9, 2, 8, 4, 6])).toEqual({ count: 10, median: 5, p90: 9, max: 10 });
  expect(dayStats([42])).toEqual({ count: 1, median: 42, p90: 42, max: 42 });
});

it('orders by number, not by text, negative counts and repeats included', () => {
  // As text 100 would sort before 9 and -3 after -20.
  expect(dayStats([100, 9, -3, -20, 9, 9, 9, 9, 9, 100])).toEqual({ count: 10, median: 9, p90: 100, max: 100 });
  expect(dayStats(Float64Array.of(300, 40, 5))).toEqual({ count: 3, median: 40, p90: 300, max: 300 });
});

it('leaves the list it is given as it was', () => {
  const families = [3, 1, 2];
  dayStats(families);
  expect(families).toEqual([3, 1, 2]);
});
