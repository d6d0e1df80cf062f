import type { BusinessDate } from '@app/domain';

/**
 * What a run generates. Measures pronounced in the window [windowStart, horizon] are the inflow; measures
 * pronounced in the `stockYears` before it whose term reaches into the window are the stock, with their whole
 * history, so that on the first day of the window about as many cases run as the region had (seed 000: about
 * 2,500 active measures). Nothing is recorded after the horizon: steps that would be registered later are not
 * in the log yet, and cases still running at the horizon stay open.
 */
export interface Profile {
  name: string;
  windowStart: BusinessDate;
  /** Last day of the window and of the log (business dates and recording days). */
  horizon: BusinessDate;
  stockYears: number;
  /** Multiplies the Rijnmond volumes, staff and providers. */
  scale: number;
}

export const PROFILES = {
  /** One year of Rijnmond: about 1,100 new measures (seed 000, 2021) plus the stock running into the year. */
  'rijnmond-year': { name: 'rijnmond-year', windowStart: '2025-01-01', horizon: '2025-12-31', stockYears: 8, scale: 1 },
  /** Ten years of Rijnmond, 2016-2025, with the stock running into 2016. */
  'rijnmond-decade': { name: 'rijnmond-decade', windowStart: '2016-01-01', horizon: '2025-12-31', stockYears: 8, scale: 1 },
  /**
   * A load profile: ten years at 30 times the Rijnmond volumes, about the national order of magnitude. The
   * domain knows only the Rijnmond municipalities and GIs (it refuses other codes), so these cases live in
   * Rijnmond's municipalities and GIs with bigger staff and provider pools: sized for load, not a national picture.
   */
  'national-decade': { name: 'national-decade', windowStart: '2016-01-01', horizon: '2025-12-31', stockYears: 8, scale: 30 },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export const isProfileName = (name: unknown): name is ProfileName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(PROFILES, name);
