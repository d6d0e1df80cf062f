import { Body, Controller, Delete, Get, HttpCode, Param, PipeTransform, Post, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { AccessCtx } from '../audit/access-log/access-context';
import type { AccessContext } from '../audit/access-log/access-record';
import { validationProblem } from '../problem-details/validation';
import { PERSON_REF_PATTERN } from './person-ref';
import { PersonRefResponse, PersonView, RegisterPersonDto } from './person.dto';
import { PersonsVault } from './persons.vault';
import { problemResponse } from '../problem-details/problem.schema';

const problem = problemResponse;

class PersonRefPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && PERSON_REF_PATTERN.test(value)) return value;
    throw validationProblem([{ field: 'ref', rule: 'isPersonRef', message: 'ref must be person- followed by 20 lower-case letters' }]);
  }
}

const RefParam = () => Param('ref', new PersonRefPipe());
const refDoc = ApiParam({ name: 'ref', example: 'person-qwhzkmbtrdpfxcavnsel' });

/**
 * The identity vault (issue 4, point 5). Names, dates of birth and BSNs live here, encrypted per person, and
 * nowhere else; events carry the ref. Nothing of a request body is logged.
 */
@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsController {
  constructor(private readonly vault: PersonsVault) {}

  @Post()
  @AllowRoles('protector', 'admin')
  @ApiOperation({ summary: 'Store a child’s or parent’s identity encrypted in the vault; returns the pseudonymous ref for events' })
  @ApiCreatedResponse({ type: PersonRefResponse })
  @applyDecorators(problem(400, 'A bad name, birthDate or bsn (validation-error naming the field)'), problem(403, 'An auditor or analyst'))
  register(@Body() body: RegisterPersonDto): Promise<PersonRefResponse> {
    return this.vault.register(body);
  }

  @Get(':ref')
  @AllowRoles('protector', 'admin')
  @ApiOperation({
    summary: 'Decrypt a person’s identity (access-logged)',
    description: 'Admins, and protectors of an institution with an active case whose child or family is the ref.',
  })
  @refDoc
  @ApiOkResponse({ type: PersonView })
  @applyDecorators(
    problem(400, 'Not a person ref, or a bad X-Access-Reason'),
    problem(403, 'Not an admin, nor a protector with an active case for the ref'),
    problem(404, 'No such person'),
    problem(410, 'The person’s key has been destroyed (crypto-shredded)'),
    problem(503, 'The access log cannot be written'),
  )
  read(@RefParam() ref: string, @CurrentActor() actor: Actor, @AccessCtx() access: AccessContext): Promise<PersonView> {
    return this.vault.read(ref, actor, access);
  }

  @Delete(':ref')
  @AllowRoles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Crypto-shred a person: destroy their key, so their identity is unreadable in every copy' })
  @refDoc
  @ApiNoContentResponse({ description: 'Shredded (also when it was already)' })
  @applyDecorators(problem(400, 'Not a person ref'), problem(403, 'Not an admin'), problem(404, 'No such person'))
  async shred(@RefParam() ref: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.vault.shred(ref, actor);
  }
}
