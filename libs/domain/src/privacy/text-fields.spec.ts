import { SYSTEM_ID_FIELDS, findTextWithBsn, textFields } from './text-fields';

describe('textFields', () => {
  it('names fields as the HTTP layer does: dotted paths, array items by index', () => {
    const data = { reason: 'r', data: { team: 't', goals: ['g0', 'g1'], bridging: false, nested: { x: 'y' } } };
    expect([...textFields(data)]).toEqual([
      { field: 'reason', text: 'r' },
      { field: 'data.team', text: 't' },
      { field: 'data.goals.0', text: 'g0' },
      { field: 'data.goals.1', text: 'g1' },
      { field: 'data.nested.x', text: 'y' },
    ]);
  });

  it('skips the identifiers the system generates, at any depth', () => {
    const ids = Object.fromEntries([...SYSTEM_ID_FIELDS].map((key) => [key, '111222333']));
    expect([...textFields({ ...ids, data: ids })]).toEqual([]);
  });
});

describe('findTextWithBsn', () => {
  it('returns the first field holding a BSN, without judging the others', () => {
    expect(findTextWithBsn({ a: 'ok', b: ['fine', 'x 123.456.782'], c: '111222333' })).toEqual({
      field: 'b.1',
      text: 'x 123.456.782',
    });
  });

  it('returns undefined when no field holds one', () => {
    expect(findTextWithBsn({ a: '123456789', b: ['0612345678'], c: 'child-7f3a' })).toBeUndefined();
  });

  it('reads text only: a number is not a text field (the shell refuses numbers where text belongs)', () => {
    expect(findTextWithBsn({ n: 111222333, b: true, z: null })).toBeUndefined();
  });
});
