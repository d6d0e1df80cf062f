import { plannedSize, PROFILES } from '@app/case-generator';

/**
 * The planned size of each profile, counted by playing every case's plan to its end without deciding, sealing
 * or writing (plannedSize). It equals what a run generates as long as the decider refuses nothing, which the
 * distribution test checks on a whole rijnmond-year run.
 */
describe('profile sizes', () => {
  it('rijnmond-year: the measures of 2025 and the stock running into it, about 16 events a case', () => {
    const { cases, events } = plannedSize(PROFILES['rijnmond-year'], 1);
    expect(cases).toBeGreaterThan(2500);
    expect(cases).toBeLessThan(3300);
    expect(events / cases).toBeGreaterThan(13);
    expect(events / cases).toBeLessThan(20);
  });

  it('rijnmond-decade: ten years of about 1,100 measures and the stock running into 2016', () => {
    const { cases, events } = plannedSize(PROFILES['rijnmond-decade'], 1);
    expect(cases).toBeGreaterThan(11_000 + 1_500);
    expect(cases).toBeLessThan(14_000);
    expect(events).toBeGreaterThan(180_000);
  });

  /**
   * Counting all of national-decade takes half a minute here; a sixteenth of its families (one partition, drawn
   * independently of the others) takes a few seconds. Sixteen times a sixteenth, for seed 1, estimates about
   * 383,000 cases and 6.44 million events; the sixteenths differ from each other by well under 1%, so the bounds,
   * 5% over the requirement, leave room for chance and still fail if the profile shrinks.
   */
  it('national-decade: at least 300,000 cases and 6,000,000 events (estimated from a sixteenth of its families)', () => {
    const sixteenth = plannedSize(PROFILES['national-decade'], 1, { part: 5, parts: 16 });
    expect(16 * sixteenth.cases).toBeGreaterThan(300_000 * 1.05);
    expect(16 * sixteenth.events).toBeGreaterThan(6_000_000 * 1.05);
  }, 120_000);
});
