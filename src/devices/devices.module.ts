import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeviceRegistrationEntity } from './device-registration.entity';
import { DevicesController } from './devices.controller';
import { DevicesRepository } from './devices.repository';
import { DevicesService } from './devices.service';

/** Push targets (FCM tokens) per identity; exports the service push delivery uses. */
@Module({
  imports: [TypeOrmModule.forFeature([DeviceRegistrationEntity])],
  controllers: [DevicesController],
  providers: [DevicesRepository, DevicesService],
  exports: [DevicesService],
})
export class DevicesModule {}
