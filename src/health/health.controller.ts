import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { AppError } from '../common/errors/app-error';
import { HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public liveness, with database reachability; 503 in the error envelope when it is down. */
  @Public()
  @Get()
  async check(): Promise<{ status: 'success'; database: 'up' }> {
    if (!(await this.health.databaseReachable())) {
      throw new AppError('ERR_DATABASE_UNAVAILABLE', 'The database is not reachable.', 503, {
        database: 'down',
      });
    }
    return { status: 'success', database: 'up' };
  }
}
