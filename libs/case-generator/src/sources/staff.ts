import { type BusinessDate, type Institution } from '@app/domain';
import { plusDays, daysFrom } from '../plan/days';
import type { Random } from '../random';

/**
 * Youth protectors (jeugdbeschermers) of the three GIs. A protector is a slot in a team; every few years the
 * person in a slot leaves and a new one comes (staff turnover), and all of the leaver's cases change protector
 * that day - the unplanned change the fixed-protector norm tolerates once (seed 003, ch. 4, norm 1). JBRR starts
 * cases in an intake team and hands them over to an area team once the course is set ("the intake worker hands
 * over to a protector of the region team", seed 003).
 *
 * Team sizes at scale 1 are chosen so that an area protector carries about 16 cases, somewhat fewer families:
 * around the caseload norm of 16 families (seed 003), some above it. Assumptions, like the turnover rate.
 */
export type TeamKind = 'intake' | 'area';

interface InstitutionStaff {
  intake: { team: string; slots: number }[];
  area: { team: string; slots: number }[];
}

export const STAFF: Readonly<Record<Institution, InstitutionStaff>> = {
  JBRR: {
    intake: [{ team: 'JBRR-instroom', slots: 16 }],
    area: [
      { team: 'JBRR-noord', slots: 24 },
      { team: 'JBRR-zuid', slots: 30 },
      { team: 'JBRR-oost', slots: 20 },
      { team: 'JBRR-west', slots: 22 },
      { team: 'JBRR-ventiel', slots: 8 },
    ],
  },
  LJR: { intake: [], area: [{ team: 'LJR-jb', slots: 22 }, { team: 'LJR-jr', slots: 18 }] },
  WSS: { intake: [], area: [{ team: 'WSS-rijnmond', slots: 28 }] },
};

/** Days a person stays in a slot: about 4.4 years, a yearly turnover of about 23%. */
export const TENURE_DAYS = 1600;

const EPOCH = '2000-01-01';

export interface Protector {
  ref: string;
  team: string;
  /** The first day this protector no longer works here (the slot's next person starts). */
  leavesOn: BusinessDate;
}

// One object per person: the refs end up in the entries of every running case they work on.
const people = new Map<string, Protector[][]>();

/** The person in a slot on a date: the slot's tenures are staggered, so people do not all leave at once. */
const personInSlot = (institution: Institution, team: string, slot: number, date: BusinessDate): Protector => {
  const offset = Math.imul(slot + 1, 0x9e3779b1) >>> 0;
  const day = daysFrom(EPOCH, date) + (offset % TENURE_DAYS);
  const tenure = Math.floor(day / TENURE_DAYS);
  let slots = people.get(team);
  if (!slots) people.set(team, (slots = []));
  const tenures = (slots[slot] ??= []);
  return (tenures[tenure] ??= {
    ref: `${institution}-${team.slice(institution.length + 1, institution.length + 4)}${slot}-${tenure}`,
    team,
    leavesOn: plusDays(date, (tenure + 1) * TENURE_DAYS - day),
  });
};

/** A protector of the institution's intake or area teams, working on the date; the pool grows with the scale. */
export const pickProtector = (
  random: Random,
  institution: Institution,
  kind: TeamKind,
  date: BusinessDate,
  scale: number,
): Protector => {
  const staff = STAFF[institution];
  const teams = kind === 'intake' && staff.intake.length > 0 ? staff.intake : staff.area;
  const total = teams.reduce((sum, t) => sum + t.slots, 0);
  let slot = random.int(0, Math.round(total * scale) - 1);
  for (const { team, slots } of teams) {
    const scaled = Math.round(slots * scale);
    if (slot < scaled) return personInSlot(institution, team, slot, date);
    slot -= scaled;
  }
  const last = teams[teams.length - 1];
  return personInSlot(institution, last.team, 0, date);
};

export const hasIntakeTeam = (institution: Institution): boolean => STAFF[institution].intake.length > 0;
