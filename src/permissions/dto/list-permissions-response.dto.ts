import { ApiProperty } from '@nestjs/swagger';
import { PermissionListItemDto } from './permission-list-item.dto';

export class ListPermissionsResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty({ type: [PermissionListItemDto] })
  permissions!: PermissionListItemDto[];

  @ApiProperty()
  totalCount!: number;
}
