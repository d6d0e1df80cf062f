import type { BusinessDate } from '../case/case-events';
import { isOnOrAfter, isOnOrBefore, isValidBusinessDate } from '../dates/business-date';

/**
 * A municipality of the Rijnmond youth-care region (GRJR). The municipality where the child lives pays for the
 * help (woonplaatsbeginsel), so a measure records its CBS code. Municipalities merge: a code is only valid
 * in its period, and a measure pronounced in 2014 in Spijkenisse keeps GM0612 forever.
 */
export interface Municipality {
  /** CBS municipality code, GMxxxx. */
  code: string;
  name: string;
  /** First day the code is valid; undefined = valid since before this service's history. */
  validFrom?: BusinessDate;
  /** Last day the code is valid (inclusive); undefined = still valid. */
  validUntil?: BusinessDate;
  /** Code of the municipality that took over on a merger. */
  succeededBy?: string;
}

/** The Rijnmond municipalities with their validity, from the domain brief (CBS municipal classification). */
export const RIJNMOND_MUNICIPALITIES: readonly Municipality[] = [
  { code: 'GM0613', name: 'Albrandswaard' },
  { code: 'GM0489', name: 'Barendrecht' },
  { code: 'GM0502', name: 'Capelle aan den IJssel' },
  { code: 'GM1924', name: 'Goeree-Overflakkee' },
  { code: 'GM0542', name: 'Krimpen aan den IJssel' },
  { code: 'GM1621', name: 'Lansingerland' },
  { code: 'GM0556', name: 'Maassluis' },
  // Bernisse and Spijkenisse merged into Nissewaard on 2015-01-01.
  { code: 'GM1930', name: 'Nissewaard', validFrom: '2015-01-01' },
  { code: 'GM0568', name: 'Bernisse', validUntil: '2014-12-31', succeededBy: 'GM1930' },
  { code: 'GM0612', name: 'Spijkenisse', validUntil: '2014-12-31', succeededBy: 'GM1930' },
  { code: 'GM0597', name: 'Ridderkerk' },
  { code: 'GM0599', name: 'Rotterdam' },
  { code: 'GM0606', name: 'Schiedam' },
  { code: 'GM0622', name: 'Vlaardingen' },
  // Brielle, Hellevoetsluis and Westvoorne merged into Voorne aan Zee on 2023-01-01.
  { code: 'GM0501', name: 'Brielle', validUntil: '2022-12-31', succeededBy: 'GM1992' },
  { code: 'GM0530', name: 'Hellevoetsluis', validUntil: '2022-12-31', succeededBy: 'GM1992' },
  { code: 'GM0614', name: 'Westvoorne', validUntil: '2022-12-31', succeededBy: 'GM1992' },
  { code: 'GM1992', name: 'Voorne aan Zee', validFrom: '2023-01-01' },
];

export const findMunicipality = (code: string): Municipality | undefined =>
  RIJNMOND_MUNICIPALITIES.find((municipality) => municipality.code === code);

const isValidOn = (municipality: Municipality, date: BusinessDate): boolean =>
  (municipality.validFrom === undefined || isOnOrAfter(date, municipality.validFrom)) &&
  (municipality.validUntil === undefined || isOnOrBefore(date, municipality.validUntil));

/** True when the code is a Rijnmond municipality that existed on the given date. */
export const municipalityValidOn = (code: string, date: BusinessDate): boolean => {
  const municipality = findMunicipality(code);
  return municipality !== undefined && isValidBusinessDate(date) && isValidOn(municipality, date);
};

/** The municipalities of the region on a given date (15 in 2021, 13 from 2023). */
export const municipalitiesOn = (date: BusinessDate): Municipality[] =>
  RIJNMOND_MUNICIPALITIES.filter((municipality) => isValidOn(municipality, date));
