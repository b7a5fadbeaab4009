import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The protocol's error envelope (docs/protocol/http-api.md#error-envelope); documentation only. */
export class ErrorResponseDto {
  @ApiProperty({ enum: ['error'] })
  status!: 'error';

  @ApiProperty({ description: 'Stable machine-readable code', example: 'ERR_INVALID_MESSAGEBOX' })
  code!: string;

  @ApiProperty({ description: 'Human-readable text the client shows' })
  description!: string;

  @ApiPropertyOptional({
    description: 'Auth-layer 401s repeat the text here, as the reference middleware does',
  })
  message?: string;
}
