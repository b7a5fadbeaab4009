import { Injectable } from '@nestjs/common';
import { DeviceRegistrationEntity } from './device-registration.entity';
import { DevicesRepository } from './devices.repository';
import { RegisterDeviceCommand } from './register-device.request';

/** Tokens are secrets of the device: only their last 10 characters are ever shown back. */
const mask = (token: string) => `...${token.slice(-10)}`;

const deviceView = (d: DeviceRegistrationEntity) => ({
  id: d.id,
  deviceId: d.deviceId,
  platform: d.platform,
  fcmToken: mask(d.fcmToken),
  active: Boolean(d.active),
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  lastUsed: d.lastUsed ? d.lastUsed.toISOString() : null,
});

@Injectable()
export class DevicesService {
  constructor(private readonly repository: DevicesRepository) {}

  async register(identityKey: string, cmd: RegisterDeviceCommand) {
    const id = await this.repository.register(identityKey, cmd);
    return {
      status: 'success' as const,
      message: 'Device registered successfully for push notifications',
      deviceId: id,
    };
  }

  async list(identityKey: string) {
    const devices = await this.repository.listFor(identityKey);
    return { status: 'success' as const, devices: devices.map(deviceView) };
  }

  /** The devices a push for `identityKey` goes to (push delivery; tokens unmasked). */
  activeFor(identityKey: string): Promise<DeviceRegistrationEntity[]> {
    return this.repository.activeFor([identityKey]);
  }

  /** A push reached the device. */
  markUsed(id: number): Promise<void> {
    return this.repository.markUsed(id);
  }

  /** FCM reported the token dead: no pushes until it is registered again. */
  deactivate(id: number): Promise<void> {
    return this.repository.deactivate(id);
  }
}
