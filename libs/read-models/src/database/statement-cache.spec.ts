import Database from 'better-sqlite3';
import { withStatementCache } from './statement-cache';

describe('withStatementCache', () => {
  const open = () => {
    const handle = new Database(':memory:');
    handle.exec('create table t (id integer primary key, v text)');
    handle.exec("insert into t (v) values ('a'), ('b'), ('c')");
    return handle;
  };

  it('hands out the same prepared statement for the same SQL, and a fresh one while it iterates', () => {
    const handle = open();
    const db = withStatementCache(handle);
    const first = db.prepare('select v from t order by id');
    expect(db.prepare('select v from t order by id')).toBe(first);
    const iterating = first.iterate([]);
    iterating.next();
    const beside = db.prepare('select v from t order by id');
    expect(beside).not.toBe(first);
    expect(beside.all([])).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
    iterating.return?.();
    expect(db.prepare('select v from t order by id')).toBe(first);
    handle.close();
  });

  it('keeps at most its capacity, evicting the least recently used', () => {
    const handle = open();
    const db = withStatementCache(handle, 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one);
    db.prepare('select 3'); // evicts "select 2", used longest ago
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
    handle.close();
  });

  it('a kept statement follows a schema change', () => {
    const handle = open();
    const db = withStatementCache(handle);
    expect(db.prepare('select * from t where id = 1').all([])).toEqual([{ id: 1, v: 'a' }]);
    handle.exec('alter table t add column w text');
    expect(db.prepare('select * from t where id = 1').all([])).toEqual([{ id: 1, v: 'a', w: null }]);
    handle.close();
  });
});
