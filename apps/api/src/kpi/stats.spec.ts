import { dayStats } from './stats';

it('gives count, nearest-rank median and p90, and max', () => {
  expect(dayStats([])).toEqual({ count: 0, median: null, p90: null, max: null });
  expect(dayStats([10, 1, 7, 3, 5, 9, 2, 8, 4, 6])).toEqual({ count: 10, median: 5, p90: 9, max: 10 });
  expect(dayStats([42])).toEqual({ count: 1, median: 42, p90: 42, max: 42 });
});
