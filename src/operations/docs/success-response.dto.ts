import { ApiProperty } from '@nestjs/swagger';

/** `{ "status": "success" }` with nothing else. */
export class SuccessResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';
}
