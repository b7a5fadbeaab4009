import { ApiProperty } from '@nestjs/swagger';

/** `{status:'success', description}` (POST /permissions/set). */
export class DescribedSuccessDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty()
  description!: string;
}
