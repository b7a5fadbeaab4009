import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../../auth/public.decorator';
import { AppError } from '../../common/errors/app-error';
import { ServerConfig } from '../../config/configuration';
import { ApiPublicErrors } from '../docs/api-errors.decorator';
import { METRICS_SECURITY } from '../docs/openapi.setup';
import { bearerMatches } from './metrics-token';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Not BRC-104 (scrapers cannot sign): a bearer token from
 * METRICS_TOKEN instead; without one configured the route does not exist (404).
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly token?: string;

  constructor(
    private readonly metrics: MetricsService,
    server: ServerConfig,
  ) {
    this.token = server.metricsToken;
  }

  @Public()
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth(METRICS_SECURITY)
  @ApiOperation({ summary: 'Prometheus metrics (needs METRICS_TOKEN as a bearer token)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', type: String })
  @ApiPublicErrors({ 401: ['UNAUTHORIZED'], 404: ['ERR_NOT_FOUND'] })
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.token) throw new AppError('ERR_NOT_FOUND', 'Not Found');
    if (!bearerMatches(authorization, this.token)) {
      throw new AppError('UNAUTHORIZED', 'A valid metrics bearer token is required.');
    }
    return this.metrics.render();
  }
}
