import { Inject, Injectable } from '@nestjs/common';
import { CaseCommand, CaseState, DomainError, decide } from '@app/domain';
import { WrongExpectedRevisionError } from '@app/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../config/clock';
import { ProblemException } from '../problem-details/problem';
import type { CommandContext } from '../request-context/command-context';
import { CaseStream } from './case-stream';
import { authorizeCaseWrite } from './case-access';
import { type CurrentCase, idempotencyLookup } from './current-case';
import { CurrentCases } from './current-cases';

export interface RecordedStep {
  caseId: string;
  eventId: string;
  version: number;
  /** Log position of the event: pass it as ?minPosition= to read your own write from the read models. */
  position: string;
  /** True when an Idempotency-Key matched an earlier request and nothing was appended. */
  replayed: boolean;
  /** The first event's data as stored (the waitlist entry id, for instance). */
  data: unknown;
}

/**
 * Load, authorize, decide, append: the one path every case command takes. Without If-Match a concurrent
 * append makes it reload and decide again on the new state; with If-Match the client's version wins or loses.
 */
@Injectable()
export class CaseStepRecorder {
  constructor(
    private readonly cases: CurrentCases,
    private readonly stream: CaseStream,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(
    caseId: string,
    command: CaseCommand | ((current: CurrentCase) => CaseCommand),
    context: CommandContext,
  ): Promise<RecordedStep> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.cases.load(caseId);
      const replay = this.findReplay(loaded, context);
      if (replay) return replay;
      this.checkCanProceed(loaded, typeof command === 'function' ? undefined : command, context);
      // A command that needs the loaded case to be built (a correction) is built only once access is settled.
      const domainCommand = typeof command === 'function' ? command(loaded) : command;

      const decision = decide(domainCommand, loaded.state, { today: this.clock.today() });
      if (!decision.ok) throw decision.error;
      try {
        const appended = await this.stream.append(caseId, decision.events, loaded.version, context, loaded.last);
        return {
          caseId,
          eventId: appended.eventIds[0],
          version: appended.version,
          position: String(appended.position),
          replayed: false,
          data: decision.events[0].data,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // With an Idempotency-Key the conflicting append may be this request's own first attempt: reload, and
        // the replay check answers it; otherwise the If-Match check on the reloaded case gives the 409.
        const mayBeOwnRetry = context.idempotencyKey !== undefined;
        if ((context.ifMatch !== undefined && !mayBeOwnRetry) || attempt >= this.config.commandRetryLimit) {
          throw versionConflict(caseId, versionOf(error.actual));
        }
      }
    }
  }

  private checkCanProceed(loaded: CurrentCase, command: CaseCommand | undefined, context: CommandContext): void {
    const { state } = loaded;
    if (!state.exists && command?.type !== 'ImposeMeasure') {
      throw new DomainError('CASE.NOT_FOUND', 'not_found', `Case ${loaded.caseId} does not exist.`);
    }
    authorizeCaseWrite(context.actor, institutionOf(state, command));
    if (context.ifMatch !== undefined && context.ifMatch !== loaded.version) {
      throw versionConflict(loaded.caseId, loaded.version);
    }
  }

  /** An earlier request with the same Idempotency-Key by the same caller: answer as it was answered. */
  private findReplay(loaded: CurrentCase, context: CommandContext): RecordedStep | undefined {
    if (!context.idempotencyKey) return undefined;
    const original = loaded.idempotent.get(idempotencyLookup(context.actor.sub, context.idempotencyKey));
    if (!original) return undefined;
    if (original.requestHash !== context.requestHash) {
      throw ProblemException.of('idempotency-key-reused', {
        detail: 'This Idempotency-Key was already used for a different request; use a new key.',
      });
    }
    authorizeCaseWrite(context.actor, loaded.state.institution);
    return {
      caseId: loaded.caseId,
      eventId: original.eventId,
      version: original.version,
      position: String(original.position),
      replayed: true,
      data: original.data,
    };
  }
}

function institutionOf(state: CaseState, command: CaseCommand | undefined): string | undefined {
  return command?.type === 'ImposeMeasure' ? command.data.institution : state.institution;
}

const versionOf = (actual: number | 'no_stream'): number => (actual === 'no_stream' ? 0 : actual + 1);

function versionConflict(caseId: string, currentVersion: number): ProblemException {
  return ProblemException.of('version-conflict', {
    detail: `Case ${caseId} is at version ${currentVersion}; reload it and decide again.`,
    currentVersion,
  });
}
