import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BoxPricesService } from './box-prices.service';
import { AuthModule } from '../auth/auth.module';
import { MessagePermissionEntity } from './message-permission.entity';
import { PermissionsController } from './permissions.controller';
import { PermissionsRepository } from './permissions.repository';
import { PermissionsService } from './permissions.service';
import { RecipientFeesService } from './recipient-fees.service';
import { ServerFeeEntity } from './server-fee.entity';
import { ServerFeesRepository } from './server-fees.repository';
import { ServerFeesService } from './server-fees.service';

/** Recipient rules, server delivery fees and quotes. Exports "what does this delivery cost?". */
@Module({
  imports: [TypeOrmModule.forFeature([MessagePermissionEntity, ServerFeeEntity]), AuthModule],
  controllers: [PermissionsController],
  providers: [
    BoxPricesService,
    PermissionsRepository,
    PermissionsService,
    RecipientFeesService,
    ServerFeesRepository,
    ServerFeesService,
  ],
  exports: [BoxPricesService, RecipientFeesService, ServerFeesService],
})
export class PermissionsModule {}
