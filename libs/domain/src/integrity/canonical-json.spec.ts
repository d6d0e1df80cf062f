import { canonicalize, NotCanonicalizableError } from './canonical-json';

describe('canonicalize', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    expect(canonicalize(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same bytes whatever order the keys were built or parsed in', () => {
    const one = { eventId: 'e1', data: { assignedOn: '2021-03-08', reason: 'INITIAL' }, revision: 1 };
    const other = JSON.parse('{"revision":1,"data":{"reason":"INITIAL","assignedOn":"2021-03-08"},"eventId":"e1"}');
    expect(canonicalize(other)).toBe(canonicalize(one));
    // ...and what JSON round-trips is what was canonicalized: the store hands back the same value.
    expect(canonicalize(JSON.parse(JSON.stringify(one)))).toBe(canonicalize(one));
  });

  it('keeps array order: arrays are sequences, not sets', () => {
    expect(canonicalize(['PARENTS', 'CHILD'])).not.toBe(canonicalize(['CHILD', 'PARENTS']));
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    // 'Z' (U+005A) < 'a' (U+0061) < 'é' (U+00E9) < '€' (U+20AC) < '😀' (surrogates U+D83D...) < 'ﬀ' (U+FB00)
    const value = { ﬀ: 6, '😀': 5, '€': 4, é: 3, a: 2, Z: 1 };
    expect(canonicalize(value)).toBe('{"Z":1,"a":2,"é":3,"€":4,"😀":5,"ﬀ":6}');
  });

  it('writes numbers the ECMAScript way RFC 8785 prescribes', () => {
    expect(canonicalize([0, -0, 1, -1.5, 1e21, 1e-7, 0.1 + 0.2, 333333333.3333333, 2 ** 53])).toBe(
      '[0,0,1,-1.5,1e+21,1e-7,0.30000000000000004,333333333.3333333,9007199254740992]',
    );
  });

  it('writes strings with the shortest JSON escapes and everything else literal', () => {
    expect(canonicalize('a"b\\c\n\t\u0001é€')).toBe('"a\\"b\\\\c\\n\\t\\u0001é€"');
  });

  it('leaves out members that are undefined, as the stored JSON does', () => {
    expect(canonicalize({ a: 1, team: undefined })).toBe('{"a":1}');
    expect(canonicalize({ a: undefined, b: 1, c: undefined, d: 2 })).toBe('{"b":1,"d":2}');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', { n: Infinity }],
    ['a bigint', { n: 1n }],
    ['a Date', { at: new Date(0) }],
    ['undefined in an array', [1, undefined]],
    ['undefined at the top', undefined],
    ['a function', { f: () => 1 }],
  ])('refuses %s: its stored form would not be what was hashed', (_name, value) => {
    expect(() => canonicalize(value)).toThrow(NotCanonicalizableError);
  });

  it('names where the value is that cannot be written', () => {
    expect(() => canonicalize({ data: { list: [1, NaN] } })).toThrow('$.data.list[1]: NaN is not a JSON number');
    // The members and items walked before it are not part of the path.
    expect(() => canonicalize({ a: [{ x: 1 }, 2], b: { c: 'fine', d: [0, [1, 2n]] } })).toThrow('$.b.d[1][1]: a bigint');
    expect(() => canonicalize([{ at: new Date(0) }])).toThrow('$[0].at: an object with toJSON');
    expect(() => canonicalize(Symbol('s'))).toThrow('$: a symbol is not a JSON value');
  });
});
