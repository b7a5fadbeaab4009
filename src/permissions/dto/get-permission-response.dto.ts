import { ApiProperty } from '@nestjs/swagger';
import { PermissionDto } from './permission.dto';

export class GetPermissionResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: PermissionDto, nullable: true })
  permission!: PermissionDto | null;
}
