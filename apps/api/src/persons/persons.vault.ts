import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Actor } from '../auth/actor';
import { AccessLogger } from '../audit/access-log/access-logger';
import { type AccessContext, accessStreamId } from '../audit/access-log/access-record';
import { Clock } from '../config/clock';
import { ProblemException } from '../problem-details/problem';
import { validationProblem } from '../problem-details/validation';
import { ReadModels } from '../read-models/read-models.service';
import { KEY_WRAPPER, type KeyWrapper } from './key-wrapper';
import { newPersonRef } from './person-ref';
import type { PersonPlaintext, PersonView, RegisterPersonDto } from './person.dto';
import { PERSON_ACCESSED } from '@app/read-models';
import { personShreddedEvent, SHRED_STREAM, shreddedRefs } from './shred-log';
import { VaultStore } from './vault-store';

export { PERSON_ACCESSED };

/** The data of a PersonAccessed event in the access-log stream: who decrypted which person's vault record. */
export interface PersonAccessRecord {
  sub: string;
  role: string;
  institution: string | null;
  ref: string;
  /** The cases referring to the ref when it was read (child or family), by the read models. */
  caseIds: string[];
  route: string;
  reason: string | null;
  accessedAt: string;
  requestId: string;
  correlationId: string;
}

const gone = (ref: string) =>
  ProblemException.of('gone', { detail: `The identity data of ${ref} has been destroyed (crypto-shredded).` });

/**
 * The identity vault (issue 4, point 5): name, date of birth and BSN of a child or parent, each person under a
 * data key of their own (AES-256-GCM), the key wrapped by the master key (KeyWrapper). Events only ever hold the
 * ref. Shredding destroys the key; case histories and KPIs, which hold the ref only, are untouched.
 *
 * Every shredding is first recorded in the event store (shred-log.ts), and the vault replays that record before
 * it serves a person: keys a restored backup of the key store brought back are destroyed again. Until the replay
 * has succeeded (the event store may not answer at start), reads are refused with 503 rather than risk it.
 */
@Injectable()
export class PersonsVault implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PersonsVault');
  private replayed: Promise<void> | undefined;

  constructor(
    private readonly store: VaultStore,
    @Inject(KEY_WRAPPER) private readonly keyWrapper: KeyWrapper,
    private readonly clock: Clock,
    private readonly readModels: ReadModels,
    private readonly accessLog: AccessLogger,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.shredsReplayed().catch((error: unknown) =>
      this.logger.error(`Replaying the shred log failed; vault reads wait for it: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  onApplicationShutdown(): void {
    this.store.close();
  }

  async register(dto: RegisterPersonDto): Promise<{ ref: string }> {
    if (dto.birthDate > this.clock.today()) {
      throw validationProblem([{ field: 'birthDate', rule: 'notInFuture', message: 'birthDate must not be in the future' }]);
    }
    const ref = newPersonRef();
    const plaintext: PersonPlaintext = { name: dto.name, birthDate: dto.birthDate, bsn: dto.bsn ?? null };
    const dataKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(Buffer.from(ref)); // binds the ciphertext to its ref: it cannot be moved to another person's row
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final()]);
    const wrappedKey = await this.keyWrapper.wrap(dataKey);
    dataKey.fill(0);
    this.store.insert({ ref, ciphertext, iv, tag: cipher.getAuthTag(), createdAt: this.clock.now().toISOString() }, wrappedKey);
    return { ref };
  }

  /**
   * Admins, and protectors of an institution with an active case (ended_on null) whose child or family is the
   * ref. Everyone else 403, before anything about the ref is revealed. The read is access-logged once the data
   * is decrypted and before it is returned; when the log cannot be written the read is refused (503).
   */
  async read(ref: string, actor: Actor, access: AccessContext): Promise<PersonView> {
    const cases = await this.casesReferring(ref);
    const allowed =
      actor.role === 'admin' ||
      (actor.role === 'protector' &&
        actor.institution !== undefined &&
        cases.some((c) => c.institution === actor.institution && c.ended_on === null));
    if (!allowed) {
      throw ProblemException.of('forbidden', {
        detail:
          actor.role === 'protector'
            ? 'Protectors may only read the identity of a child or family of an active case of their own institution.'
            : `The role ${actor.role} may not read identity data.`,
      });
    }
    await this.shredsReplayed().catch(() => {
      throw ProblemException.of('service-unavailable', { detail: 'The vault cannot confirm which persons were shredded right now; try again shortly.' });
    });
    const record = this.store.findRecord(ref);
    if (!record) throw ProblemException.of('not-found', { detail: `No person ${ref} in the vault.` });
    const wrappedKey = this.store.findWrappedKey(ref);
    if (record.shreddedAt !== null || !wrappedKey || !record.ciphertext || !record.iv || !record.tag) throw gone(ref);

    const dataKey = await this.keyWrapper.unwrap(wrappedKey);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, record.iv);
    decipher.setAAD(Buffer.from(ref));
    decipher.setAuthTag(record.tag);
    const plaintext = JSON.parse(Buffer.concat([decipher.update(record.ciphertext), decipher.final()]).toString('utf8')) as PersonPlaintext;
    dataKey.fill(0);

    await this.logAccess(ref, cases, access);
    return { ref, name: plaintext.name, birthDate: plaintext.birthDate, bsn: plaintext.bsn, createdAt: record.createdAt };
  }

  /** Admins only (the guard). Idempotent: shredding a shredded person again is fine; an unknown ref is 404. */
  async shred(ref: string, actor: Actor): Promise<void> {
    if (!this.store.findRecord(ref)) throw ProblemException.of('not-found', { detail: `No person ${ref} in the vault.` });
    const shreddedAt = this.clock.now().toISOString();
    // Recorded first: a crash before the key is gone leaves the record, and the replay at the next start finishes it.
    await this.accessLog.append(SHRED_STREAM, [personShreddedEvent(ref, shreddedAt, actor)]).catch((error: unknown) => {
      this.logger.error(`Recording the shredding of ${ref} failed; nothing destroyed: ${error instanceof Error ? error.message : String(error)}`);
      throw ProblemException.of('service-unavailable', { detail: 'The shredding cannot be recorded right now, so nothing was destroyed; try again shortly.' });
    });
    this.store.shred(ref, shreddedAt);
    this.logger.log(`Vault key of ${ref} destroyed by ${actor.sub}`);
  }

  /** Destroys again every key the shred log names (once per process; retried after a failure). */
  private shredsReplayed(): Promise<void> {
    this.replayed ??= (async () => {
      let restored = 0;
      for (const { ref, shreddedAt } of await shreddedRefs(this.events)) {
        const record = this.store.findRecord(ref);
        const readable = this.store.findWrappedKey(ref) !== undefined || (record !== undefined && record.ciphertext !== null);
        if (!readable && (record === undefined || record.shreddedAt !== null)) continue;
        if (readable) restored += 1;
        this.store.shred(ref, shreddedAt);
      }
      if (restored > 0) this.logger.warn(`Shred log replayed: ${restored} person(s) shredded before were readable again (a restored backup?) and are destroyed again`);
    })().catch((error: unknown) => {
      this.replayed = undefined;
      throw error;
    });
    return this.replayed;
  }

  private casesReferring(ref: string) {
    return this.readModels.db
      .selectFrom('case_summaries')
      .select(['case_id', 'institution', 'ended_on'])
      .where((eb) => eb.or([eb('child_ref', '=', ref), eb('family_ref', '=', ref)]))
      .execute();
  }

  /**
   * Two records in the access-log stream: a CaseAccessed per case referring to the ref (so GET /audit/access
   * shows the read, and a protector sees who read a person of their institution's cases), and a PersonAccessed
   * naming the ref itself (also when no case refers to it, e.g. an admin's read). Either failing refuses the read.
   */
  private async logAccess(ref: string, cases: { case_id: string; institution: string | null }[], access: AccessContext): Promise<void> {
    await this.accessLog.record(access, cases.map((c) => ({ caseId: c.case_id, caseInstitution: c.institution })));
    const now = this.clock.now();
    const accessedAt = now.toISOString();
    const eventId = randomUUID();
    const data: PersonAccessRecord = {
      sub: access.sub,
      role: access.role,
      institution: access.institution,
      ref,
      caseIds: cases.map((c) => c.case_id),
      route: access.route,
      reason: access.reason,
      accessedAt,
      requestId: access.requestId,
      correlationId: access.correlationId,
    };
    try {
      await this.accessLog.append(
        accessStreamId(now),
        [
          {
            eventId,
            type: PERSON_ACCESSED,
            data,
            metadata: {
              eventId,
              schemaVersion: 1,
              recordedAt: accessedAt,
              actor: { sub: access.sub, role: access.role, ...(access.institution ? { institution: access.institution } : {}) },
              correlationId: access.correlationId,
              causationId: access.requestId,
            },
          },
        ],
      );
    } catch (error) {
      this.logger.error(`Access log append failed; vault read refused: ${error instanceof Error ? error.message : String(error)}`);
      throw ProblemException.of('service-unavailable', {
        detail: 'The access log cannot be written right now, so the identity data is not served; try again shortly.',
      });
    }
  }
}
