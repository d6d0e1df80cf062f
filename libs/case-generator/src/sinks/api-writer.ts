import type { CaseCommand } from '@app/domain';
import type { RecordingActor } from '@app/domain/integrity';
import type { GeneratedEvent } from '../simulation/simulate';

/**
 * Writes generated steps through the service's HTTP API instead of the store: every step a request, as a
 * protector's client would send it, so the api decides, seals and appends each one itself. The api makes its own
 * event and waiting-list entry ids, so the ids the generator made are mapped to the api's as the answers come
 * in. The request id and correlation id are the generator's (X-Request-Id, X-Correlation-Id), and If-Match
 * pins each step to the case version the generator recorded it at.
 */
export interface ApiWriterOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** A bearer token for the actor who records the step. */
  tokenFor: (actor: RecordingActor) => Promise<string>;
  /** Requests in flight at once; the steps of one case always go one after the other. */
  concurrency: number;
  onProgress?: (written: number) => void;
}

export class ApiWriteError extends Error {
  override readonly name = 'ApiWriteError';
}

const ROUTES: Readonly<Record<CaseCommand['type'], string>> = {
  ImposeMeasure: '',
  AssignGuardian: '/guardian-assignments',
  AgreePlan: '/plans',
  StartHelp: '/help-starts',
  PlaceOnWaitlist: '/waitlist-entries',
  LeaveWaitlist: '/waitlist-exits',
  ExplainDeadline: '/explanations',
  AdvanceDeadline: '/deadlines',
  ExtendMeasure: '/extensions',
  EndMeasure: '/end',
  CorrectEntry: '/corrections',
  RetractEntry: '/retractions',
};

interface IdMaps {
  events: Map<string, string>;
  entries: Map<string, string>;
}

const mapped = (map: Map<string, string>, id: string): string => {
  const found = map.get(id);
  if (!found) throw new ApiWriteError(`no id from the api for ${id}: the step it belongs to was not recorded`);
  return found;
};

/** The request body the api expects for a command: what the generator decided, with the api's ids. */
const bodyOf = (command: CaseCommand, ids: IdMaps): object => {
  switch (command.type) {
    case 'PlaceOnWaitlist': {
      const { entryId: _made, ...body } = command.data; // the api makes the entry id
      return body;
    }
    case 'LeaveWaitlist':
      return { ...command.data, entryId: mapped(ids.entries, command.data.entryId) };
    case 'CorrectEntry': {
      const data = { ...(command.data.data as unknown as Record<string, unknown>) };
      if ('waitingFor' in data) delete data.entryId; // a waiting-list entry keeps its id
      return { ...command.data, correctsEventId: mapped(ids.events, command.data.correctsEventId), data };
    }
    case 'RetractEntry':
      return { ...command.data, retractsEventId: mapped(ids.events, command.data.retractsEventId) };
    default:
      return command.data;
  }
};

export async function writeThroughApi(events: Iterable<GeneratedEvent>, options: ApiWriterOptions): Promise<number> {
  const ids: IdMaps = { events: new Map(), entries: new Map() };
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  let failure: unknown;

  const send = async (generated: GeneratedEvent): Promise<void> => {
    const { command, caseId, revision, requestId, event } = generated;
    const path = `/cases${command.type === 'ImposeMeasure' ? '' : `/${caseId}`}${ROUTES[command.type]}`;
    const response = await fetch(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await options.tokenFor(event.metadata.actor)}`,
        'content-type': 'application/json',
        'x-request-id': requestId,
        'x-correlation-id': requestId,
        ...(revision > 0 ? { 'if-match': `"${revision}"` } : {}),
      },
      body: JSON.stringify(bodyOf(command, ids)),
    });
    const answer = (await response.json().catch(() => ({}))) as { eventId?: string; entryId?: string };
    if (response.status !== 201 || !answer.eventId) {
      throw new ApiWriteError(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    ids.events.set(event.eventId, answer.eventId);
    if (command.type === 'PlaceOnWaitlist' && answer.entryId) ids.entries.set(command.data.entryId, answer.entryId);
    written += 1;
    options.onProgress?.(written);
  };

  for (const generated of events) {
    if (failure) break;
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const previous = tails.get(generated.caseId) ?? Promise.resolve();
    const step = previous.then(() => (failure ? undefined : send(generated)));
    const tracked = step.catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.add(tracked);
    tails.set(generated.caseId, tracked);
    void tracked.then(() => {
      inFlight.delete(tracked);
      if (tails.get(generated.caseId) === tracked) tails.delete(generated.caseId);
    });
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return written;
}
