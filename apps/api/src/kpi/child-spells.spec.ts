import { ChildSpells } from './child-spells';

describe('ChildSpells', () => {
  it('counts a child once on each date any of its spells covers, overlapping or adjacent', () => {
    const spells = new ChildSpells(10);
    spells.add(0, 5);
    spells.add(3, 8); // overlaps the first
    spells.add(8, 9); // adjacent to the merged spell
    expect(spells.counts()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('adds children up, each counted by its own spells', () => {
    const spells = new ChildSpells(6);
    spells.add(4, 6);
    spells.add(0, 2); // the same child, out of order and apart
    spells.countChild();
    spells.add(1, 5);
    spells.add(1, 3); // inside the child's other spell
    spells.countChild();
    expect(spells.counts()).toEqual([1, 2, 1, 1, 2, 1]);
  });

  it('counts nothing for a child without spells, and an open spell to the last date', () => {
    const spells = new ChildSpells(3);
    spells.countChild();
    spells.add(1, 3);
    expect(spells.counts()).toEqual([0, 1, 1]);
  });
});
