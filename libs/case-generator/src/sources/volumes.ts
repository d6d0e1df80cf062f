import type { MeasureType } from '@app/domain';

/**
 * Inflow of new measures in Rijnmond, per year, at scale 1. Seed 000 (GRJR technical session, 2022) counts the
 * GIs' inflow in 2021, first + second half year: OTS 329 + 208 = 537, youth probation 286 + 215 = 501,
 * guardianship 37 + 30 = 67 - about 1,100 new measures a year. Seed 000 does not split off the provisional
 * measures; we read its OTS and guardianship figures as including them (CBS counts them apart) and assume 15% of
 * OTS-type and 25% of guardianship-type measures are provisional.
 */
export const SEED_000_INFLOW_2021 = { OTS: 537, JEUGDRECLASSERING: 501, VOOGDIJ: 67 } as const;

/** A provisional OTS (at most 3 months) that becomes a regular OTS for the same child: a new measure, a new case. */
export const PROVISIONAL_OTS_FOLLOWED_BY_OTS = 0.6;
/** A provisional guardianship that becomes a guardianship. */
export const PROVISIONAL_GUARDIANSHIP_FOLLOWED = 0.6;
/** Per OTS term: ended by an authority-ending measure (gezagsbeëindigende maatregel); a guardianship follows. */
export const OTS_ENDED_BY_AUTHORITY_ENDING = 0.015;

const PROVISIONAL_OTS = Math.round(SEED_000_INFLOW_2021.OTS * 0.15);
const PROVISIONAL_GUARDIANSHIP = Math.round(SEED_000_INFLOW_2021.VOOGDIJ * 0.25);
/** About 470 OTS a year end after 2.7 terms on average; 1.5% a term goes on to guardianship: about 18 a year. */
const GUARDIANSHIP_AFTER_OTS = 18;

/**
 * New children per year by the measure their history starts with. Follow-up measures (a regular OTS after a
 * provisional one, a guardianship after a provisional one or after an OTS) arise inside a child's history, so
 * they are taken off the direct arrivals: the total of new measures stays seed 000's.
 */
export const YEARLY_ARRIVALS: Readonly<Record<MeasureType, number>> = {
  VOORLOPIGE_OTS: PROVISIONAL_OTS,
  OTS: SEED_000_INFLOW_2021.OTS - PROVISIONAL_OTS - Math.round(PROVISIONAL_OTS * PROVISIONAL_OTS_FOLLOWED_BY_OTS),
  VOORLOPIGE_VOOGDIJ: PROVISIONAL_GUARDIANSHIP,
  VOOGDIJ:
    SEED_000_INFLOW_2021.VOOGDIJ -
    PROVISIONAL_GUARDIANSHIP -
    Math.round(PROVISIONAL_GUARDIANSHIP * PROVISIONAL_GUARDIANSHIP_FOLLOWED) -
    GUARDIANSHIP_AFTER_OTS,
  JEUGDRECLASSERING: SEED_000_INFLOW_2021.JEUGDRECLASSERING,
};

/**
 * Siblings: child-protection measures often concern several children of one family (the caseload norm counts
 * families, seed 003: "the norm is now 16 families"). Children per family that enters together; an assumption.
 */
export const CHILDREN_PER_FAMILY: readonly (readonly [number, number])[] = [
  [1, 0.7],
  [2, 0.22],
  [3, 0.08],
];
export const MEAN_CHILDREN_PER_FAMILY = CHILDREN_PER_FAMILY.reduce((sum, [n, p]) => sum + n * p, 0);

/** Courts rule on working days: about 261 a year. */
export const RULING_DAYS_PER_YEAR = 261;
