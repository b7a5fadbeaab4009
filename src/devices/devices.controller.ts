import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { IdentityKey } from '../auth/identity-key.decorator';
import { DevicesService } from './devices.service';
import { parseRegisterDevice } from './register-device.request';

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post('registerDevice')
  @HttpCode(200)
  register(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.devices.register(identityKey, parseRegisterDevice(body));
  }

  @Get('devices')
  list(@IdentityKey() identityKey: string) {
    return this.devices.list(identityKey);
  }
}
