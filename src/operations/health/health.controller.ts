import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator';
import { ApiPublicErrors } from '../docs/api-errors.decorator';
import { LivenessResponseDto } from './dto/liveness-response.dto';
import { ReadinessResponseDto } from './dto/readiness-response.dto';
import { ReadinessService } from './readiness.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /**
   * Liveness: the process answers. It does not touch the database, so an orchestrator does not
   * restart healthy instances during a database outage (readiness takes them out of rotation).
   */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: LivenessResponseDto })
  @ApiPublicErrors()
  live(): LivenessResponseDto {
    return { status: 'success', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database (and Redis, when configured) answer' })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiPublicErrors({
    503: ['ERR_DATABASE_UNAVAILABLE', 'ERR_REDIS_UNAVAILABLE', 'ERR_SHUTTING_DOWN'],
  })
  ready(): Promise<ReadinessResponseDto> {
    return this.readiness.check();
  }
}
