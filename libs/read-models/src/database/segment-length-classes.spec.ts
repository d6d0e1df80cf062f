import Database from 'better-sqlite3';
import { LENGTH_CLASS_SQL, lengthClassOf } from './segment-length-classes';

/** lengthClassOf is what the projection stores in length_class; LENGTH_CLASS_SQL is what migration 0011 backfills. */
describe('lengthClassOf', () => {
  const dayOf = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('equals the SQL CASE for every length around each bound, across month and year ends, and for open segments', () => {
    const handle = new Database(':memory:');
    try {
      handle.exec('create table s (valid_from text not null, valid_until text)');
      const insert = handle.prepare('insert into s values (?, ?)');
      const starts = ['2019-01-01', '2019-12-31', '2020-02-28', '2020-02-29', '2021-01-31', '2021-07-15', '2023-12-01'];
      const lengths = [1, 2, 14, 15, 16, 17, 30, 31, 60, 62, 63, 64, 65, 200, 240, 248, 250, 256, 900, 1000, 1010, 1024, 1030, 3900, 4000, 4030, 4096, 4200, 9000];
      const pairs: Array<[string, string | null]> = [];
      for (const start of starts) {
        pairs.push([start, null]);
        for (const length of lengths) for (const shift of [-1, 0, 1]) pairs.push([start, dayOf(start, length + shift)]);
      }
      for (const [from, until] of pairs) insert.run(from, until);
      const rows = handle.prepare(`select valid_from, valid_until, ${LENGTH_CLASS_SQL} as k from s order by rowid`).all() as Array<{ valid_from: string; valid_until: string | null; k: number }>;
      expect(rows).toHaveLength(pairs.length);
      expect(new Set(rows.map((row) => row.k))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
      for (const row of rows) expect([row.valid_from, row.valid_until, lengthClassOf(row.valid_from, row.valid_until)]).toEqual([row.valid_from, row.valid_until, row.k]);
    } finally {
      handle.close();
    }
  });

  it('counts pseudo days (a month 31, a year 372), never fewer than the true days', () => {
    expect(lengthClassOf('2021-02-01', '2021-02-16')).toBe(0); // 15
    expect(lengthClassOf('2021-02-01', '2021-02-17')).toBe(1); // 16
    expect(lengthClassOf('2021-02-28', '2021-03-01')).toBe(0); // 1 day, 4 pseudo days
    expect(lengthClassOf('2021-02-20', '2021-03-01')).toBe(0); // 9 days, 12 pseudo days
    expect(lengthClassOf('2021-02-28', '2021-03-14')).toBe(1); // 14 days, 17 pseudo days
    expect(lengthClassOf('2020-01-01', '2031-01-01')).toBe(4); // 11 x 372 = 4092
    expect(lengthClassOf('2020-01-01', '2032-01-01')).toBe(5);
    expect(lengthClassOf('2020-01-01', null)).toBe(5);
  });
});
