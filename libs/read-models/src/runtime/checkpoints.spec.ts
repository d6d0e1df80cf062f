import { lowestCheckpoint } from './checkpoints';

describe('lowestCheckpoint', () => {
  it('is the lowest position, or null while any projection has applied nothing', () => {
    expect(lowestCheckpoint(new Map([['a', 7n], ['b', 3n]]))).toBe(3n);
    expect(lowestCheckpoint(new Map([['a', 7n], ['b', null]]))).toBeNull();
    expect(lowestCheckpoint(new Map())).toBeNull();
  });
});
