import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NORM_KEYS } from '@app/domain';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { toCsv } from './csv';
import {
  CaseloadQueryDto,
  InflowQueryDto,
  RegistrationLagQueryDto,
  TimelinessQueryDto,
  WaitingQueryDto,
  WaitingSeriesQueryDto,
} from './kpi-query.dto';
import { KpiService } from './kpi.service';

type Row = Record<string, unknown>;

/** JSON by default; text/csv when the client asks for it (spreadsheets are where analysts work). */
function answer(req: Request, res: Response, body: object, csvRows: () => Row[]) {
  if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
    res.type('text/csv').send(toCsv(csvRows()));
    return;
  }
  res.json(body);
}

@ApiTags('kpi')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@AllowRoles('analyst', 'auditor', 'admin')
@Controller('kpi')
export class KpiController {
  constructor(private readonly kpi: KpiService) {}

  @Get('timeliness')
  @ApiOperation({ summary: 'Norm compliance of the measures pronounced in [from, to], judged as of a date' })
  async timeliness(@Query() q: TimelinessQueryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const body = await this.kpi.timeliness(actor, q);
    const rowsOf = (key: string, figures: Row) => NORM_KEYS.map((norm) => ({ key, norm, ...(figures[norm] as Row) }));
    answer(req, res, body, () => [...rowsOf('(total)', body.total), ...body.groups.flatMap((g) => rowsOf(g.key, g as unknown as Row))]);
  }

  @Get('waiting')
  @ApiOperation({ summary: 'Children with an active measure waiting for help or for a protector on a date' })
  async waiting(@Query() q: WaitingQueryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const body = await this.kpi.waiting(actor, q);
    const row = (key: string, g: Pick<typeof body, 'waitingForHelp' | 'waitingForProtector'>) => ({
      key,
      waitingForHelp: g.waitingForHelp,
      waitingForProtector: g.waitingForProtector,
    });
    answer(req, res, body, () => [row('(total)', body), ...body.groups.map((g) => row(g.key, g))]);
  }

  @Get('waiting/series')
  @ApiOperation({ summary: 'How many children with a measure were waiting, on each date of a series' })
  async waitingSeries(@Query() q: WaitingSeriesQueryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const body = await this.kpi.waitingSeries(actor, q);
    answer(req, res, body, () => body.points);
  }

  @Get('caseload')
  @ApiOperation({ summary: 'Families per protector over active cases, and protectors above the caseload norm' })
  async caseload(@Query() q: CaseloadQueryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const body = await this.kpi.caseload(actor, q);
    // One row per protector count in the distribution, with the headline figures on every row: a sheet that
    // keeps one table loses nothing.
    const headline = {
      asOf: body.asOf,
      normFamilies: body.normFamilies,
      allProtectors: body.protectors,
      protectorsAboveNorm: body.protectorsAboveNorm,
      activeCasesWithoutProtector: body.activeCasesWithoutProtector,
    };
    answer(req, res, body, () => (body.distribution.length > 0 ? body.distribution.map((row) => ({ ...row, ...headline })) : [headline]));
  }

  @Get('inflow')
  @ApiOperation({ summary: 'Measures started and active stock per month, quarter or half year' })
  async inflow(@Query() q: InflowQueryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const body = await this.kpi.inflow(actor, q);
    answer(req, res, body, () => body.intervals);
  }

  @Get('registration-lag')
  @ApiOperation({ summary: 'Share of steps recorded more than 21 days after they happened, per institution' })
  async registrationLag(@Query() q: RegistrationLagQueryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const body = await this.kpi.registrationLag(actor, q);
    answer(req, res, body, () => [{ institution: '(total)', ...body.total }, ...body.institutions]);
  }
}
