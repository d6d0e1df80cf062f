import { SetMetadata } from '@nestjs/common';
import type { Role } from './actor';

export const ROLES_KEY = 'allowedRoles';
export const PUBLIC_KEY = 'publicRoute';

/** The roles that may call a route. A route that declares none is for admins only: closed by default. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a token (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
