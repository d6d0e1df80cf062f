import type { Institution, MeasureType } from '@app/domain';

/**
 * Which GI carries out a measure. Seed 000 and seed 003 name the three GIs of Rijnmond (JBRR, William
 * Schrikker Stichting, Leger des Heils JB&R) but give no split; JBRR is the regional GI the GRJR subsidises
 * (seed 000) and by far the largest, WSS works with children and parents with a disability, LJ&R does much of
 * the youth probation. The shares are assumptions in that spirit.
 */
export const INSTITUTION_SHARES: Readonly<Record<MeasureType, readonly (readonly [Institution, number])[]>> = {
  OTS: [['JBRR', 0.72], ['WSS', 0.14], ['LJR', 0.14]],
  VOORLOPIGE_OTS: [['JBRR', 0.8], ['WSS', 0.1], ['LJR', 0.1]],
  VOOGDIJ: [['JBRR', 0.7], ['WSS', 0.18], ['LJR', 0.12]],
  VOORLOPIGE_VOOGDIJ: [['JBRR', 0.8], ['WSS', 0.1], ['LJR', 0.1]],
  JEUGDRECLASSERING: [['JBRR', 0.55], ['LJR', 0.38], ['WSS', 0.07]],
};
