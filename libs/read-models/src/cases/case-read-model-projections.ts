import type { Projection } from '../runtime/projection';
import { CaseProjection } from './case-projection';

/** The projections the api, apps/projector and the rebuild all run: one list, so they cannot drift apart. */
export const caseReadModelProjections = (): Projection[] => [new CaseProjection()];
