import { diffRows } from './row-diff';

describe('diffRows', () => {
  const key = ['case_id', 'valid_from'];
  const columns = ['case_id', 'valid_from', 'valid_until', 'flag'];
  const row = (case_id: string, valid_from: string, valid_until: string | null, flag = 0) => ({ case_id, valid_from, valid_until, flag });

  it('leaves equal rows alone, updates changed ones with the columns that changed, inserts new keys and deletes gone ones', () => {
    const current = [row('c1', '2021-01-01', '2021-02-01'), row('c1', '2021-02-01', null), row('c1', '2021-03-01', null), row('c2', '2021-01-01', null)];
    const next = [row('c1', '2021-01-01', '2021-02-01'), row('c1', '2021-02-01', '2021-04-01', 1), row('c1', '2021-04-01', null), row('c2', '2021-01-01', null)];
    expect(diffRows(current, next, key, columns)).toEqual({
      deleted: [row('c1', '2021-03-01', null)],
      inserted: [row('c1', '2021-04-01', null)],
      updated: [{ row: row('c1', '2021-02-01', '2021-04-01', 1), old: row('c1', '2021-02-01', null), changed: ['valid_until', 'flag'] }],
    });
  });

  it('takes an absent value for null, and tells cases apart by the whole key', () => {
    const current = [{ case_id: 'c1', valid_from: '2021-01-01', valid_until: null, flag: 0 }];
    const next = [{ case_id: 'c1', valid_from: '2021-01-01', flag: 0 }, row('c2', '2021-01-01', null)];
    expect(diffRows(current, next, key, columns)).toEqual({ deleted: [], inserted: [row('c2', '2021-01-01', null)], updated: [] });
  });

  it('with no current rows inserts everything; with no next rows deletes everything', () => {
    const rows = [row('c1', '2021-01-01', null)];
    expect(diffRows([], rows, key, columns)).toEqual({ deleted: [], inserted: rows, updated: [] });
    expect(diffRows(rows, [], key, columns)).toEqual({ deleted: rows, inserted: [], updated: [] });
  });
});
