import { sql } from 'kysely';

/** COUNT(*) as a number in both dialects (PostgreSQL returns bigint counts as strings). */
export const countAll = () => sql<string | number>`count(*)`;
export const toCount = (value: string | number | bigint): number => Number(value);
