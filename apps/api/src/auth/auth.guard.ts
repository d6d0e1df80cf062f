import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemException } from '../problem-details/problem';
import type { Actor, Role } from './actor';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

type AuthenticatedRequest = Request & { actor?: Actor };

/** Global guard: every route needs a valid bearer token and an allowed role, unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw ProblemException.of('unauthorized', { detail: 'Send a bearer token in the Authorization header.' });
    }
    const verified = await this.verifier.verify(token);
    if (!verified.ok) {
      const type = ({ 401: 'unauthorized', 403: 'forbidden', 503: 'service-unavailable' } as const)[verified.failure.status];
      throw ProblemException.of(type, { detail: verified.failure.detail });
    }
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['admin'];
    if (!allowed.includes(verified.actor.role)) {
      throw ProblemException.of('forbidden', { detail: `The role ${verified.actor.role} may not do this.` });
    }
    request.actor = verified.actor;
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The verified caller of the current request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw ProblemException.of('unauthorized');
  return actor;
});
