import { type BusinessDate, municipalitiesOn } from '@app/domain';

/**
 * Where the children live (the paying municipality, woonplaatsbeginsel). Weights are inhabitants in thousands
 * (CBS, about 2021, rounded) times a measure-rate factor: Rotterdam, the big city, has more measures per child
 * than its suburbs (an assumption; the sources give no split by municipality). Which codes exist on a date comes
 * from the domain's reference data, so a generated measure never names a municipality the decider refuses:
 * Bernisse and Spijkenisse before 2015, Nissewaard after; Brielle, Hellevoetsluis and Westvoorne until 2022,
 * Voorne aan Zee after.
 */
export const MUNICIPALITY_WEIGHTS: Readonly<Record<string, number>> = {
  GM0599: 651 * 1.3, // Rotterdam
  GM0606: 79 * 1.1, // Schiedam
  GM0622: 74 * 1.1, // Vlaardingen
  GM1930: 85, // Nissewaard (from 2015)
  GM0612: 72, // Spijkenisse (until 2014)
  GM0568: 12, // Bernisse (until 2014)
  GM0502: 67, // Capelle aan den IJssel
  GM1621: 63 * 0.7, // Lansingerland
  GM1924: 50 * 0.8, // Goeree-Overflakkee
  GM0489: 49 * 0.7, // Barendrecht
  GM0597: 46, // Ridderkerk
  GM0530: 40, // Hellevoetsluis (until 2022)
  GM0556: 33, // Maassluis
  GM0542: 29, // Krimpen aan den IJssel
  GM0613: 25 * 0.7, // Albrandswaard
  GM0501: 17, // Brielle (until 2022)
  GM0614: 15 * 0.7, // Westvoorne (until 2022)
  GM1992: 72, // Voorne aan Zee (from 2023)
};

const weightsByYear = new Map<number, readonly (readonly [string, number])[]>();

/**
 * The weighted municipalities of the region on a date. Validity changes only on 1 January, so one table per
 * year is enough (a pure memo: the same year always gives the same table).
 */
export const municipalityWeightsOn = (date: BusinessDate): readonly (readonly [string, number])[] => {
  const year = Number(date.slice(0, 4));
  let table = weightsByYear.get(year);
  if (!table) {
    table = municipalitiesOn(`${year}-07-01`).map((m) => [m.code, MUNICIPALITY_WEIGHTS[m.code] ?? 20] as const);
    weightsByYear.set(year, table);
  }
  return table;
};
