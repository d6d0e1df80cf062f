import { INSTITUTIONS, type Institution } from '@app/domain';

export const ROLES = ['protector', 'auditor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from the verified token. Recorded in every event's metadata. */
export interface Actor {
  sub: string;
  role: Role;
  /** Required for protectors: they write and read only their own institution's cases. */
  institution?: Institution;
}

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
export const isInstitution = (value: unknown): value is Institution => INSTITUTIONS.includes(value as Institution);
