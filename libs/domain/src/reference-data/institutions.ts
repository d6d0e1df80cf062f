import type { Institution } from '../case/case-events';

/** A certified institution (GI, gecertificeerde instelling) working in the Rijnmond region. */
export interface InstitutionInfo {
  code: Institution;
  /** How the region writes it in its reports. */
  shortName: string;
  name: string;
}

/** The three GIs of Rijnmond named in the inspection report (seed 003). */
export const RIJNMOND_INSTITUTIONS: readonly InstitutionInfo[] = [
  { code: 'JBRR', shortName: 'JBRR', name: 'Jeugdbescherming Regio Rotterdam' },
  { code: 'LJR', shortName: 'LJ&R', name: 'Leger des Heils Jeugdbescherming & Reclassering' },
  { code: 'WSS', shortName: 'WSS', name: 'William Schrikker Stichting' },
];

export const findInstitution = (code: string): InstitutionInfo | undefined =>
  RIJNMOND_INSTITUTIONS.find((institution) => institution.code === code);
