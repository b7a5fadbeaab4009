import { ApiProperty } from '@nestjs/swagger';

export class ReadinessResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['up', 'down'] },
    example: { database: 'up', redis: 'up' },
    description: 'database always; redis when REDIS_URL is set',
  })
  checks!: Record<string, 'up' | 'down'>;
}
