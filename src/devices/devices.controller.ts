import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IdentityKey } from '../auth/identity-key.decorator';
import { ApiAuthenticatedErrors } from '../operations/docs/api-errors.decorator';
import { BRC104_SECURITY } from '../operations/docs/openapi.setup';
import { DevicesResponseDto } from './dto/devices-response.dto';
import { RegisterDeviceRequestDto } from './dto/register-device-request.dto';
import { RegisterDeviceResponseDto } from './dto/register-device-response.dto';
import { DevicesService } from './devices.service';
import { parseRegisterDevice, REGISTER_DEVICE_REQUEST_ERRORS } from './register-device.request';

/** The body is parsed here, at the edge; the service takes a typed RegisterDeviceCommand. */
@ApiTags('devices')
@ApiSecurity(BRC104_SECURITY)
@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post('registerDevice')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register (or move) a push notification token for the caller' })
  @ApiBody({ type: RegisterDeviceRequestDto })
  @ApiOkResponse({ type: RegisterDeviceResponseDto })
  @ApiAuthenticatedErrors({ 400: REGISTER_DEVICE_REQUEST_ERRORS })
  register(
    @IdentityKey() identityKey: string,
    @Body() body: unknown,
  ): Promise<RegisterDeviceResponseDto> {
    return this.devices.register(identityKey, parseRegisterDevice(body));
  }

  @Get('devices')
  @ApiOperation({ summary: 'The caller’s registered devices, tokens masked' })
  @ApiOkResponse({ type: DevicesResponseDto })
  @ApiAuthenticatedErrors()
  list(@IdentityKey() identityKey: string): Promise<DevicesResponseDto> {
    return this.devices.list(identityKey);
  }
}
