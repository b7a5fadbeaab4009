import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { DeviceRegistrationEntity } from './device-registration.entity';
import { RegisterDeviceCommand } from './register-device.request';

/** The only owner of device_registrations: TypeORM's API, each write in its own transaction. */
@Injectable()
export class DevicesRepository {
  constructor(
    @InjectRepository(DeviceRegistrationEntity)
    private readonly devices: Repository<DeviceRegistrationEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Upsert on the globally unique token: a token re-registered by another identity moves to it
   * (as in the reference server); created_at and the row id are kept. Returns the row id.
   */
  register(identityKey: string, cmd: RegisterDeviceCommand): Promise<number> {
    return this.transactions.run(async (manager) => {
      const now = new Date();
      await manager
        .createQueryBuilder()
        .insert()
        .into(DeviceRegistrationEntity)
        .values({
          identityKey,
          ...cmd,
          active: true,
          lastUsed: now,
          createdAt: now,
          updatedAt: now,
        })
        .orUpdate(
          ['identity_key', 'device_id', 'platform', 'active', 'last_used', 'updated_at'],
          ['fcm_token'],
        )
        .execute();
      const row = await manager.findOneOrFail(DeviceRegistrationEntity, {
        select: { id: true },
        where: { fcmToken: cmd.fcmToken },
      });
      return row.id;
    });
  }

  listFor(identityKey: string): Promise<DeviceRegistrationEntity[]> {
    return this.devices.find({ where: { identityKey }, order: { updatedAt: 'DESC', id: 'DESC' } });
  }

  async markUsed(id: number): Promise<void> {
    const now = new Date();
    await this.transactions.run((m) =>
      m.update(DeviceRegistrationEntity, { id }, { lastUsed: now, updatedAt: now }),
    );
  }

  /** A token FCM reports as dead stops receiving pushes until it is registered again. */
  async deactivate(id: number): Promise<void> {
    await this.transactions.run((m) =>
      m.update(DeviceRegistrationEntity, { id }, { active: false, updatedAt: new Date() }),
    );
  }

  /** Registered devices, and how many still receive pushes (`admin stats`). */
  async counts(): Promise<{ total: number; active: number }> {
    return {
      total: await this.devices.count(),
      active: await this.devices.countBy({ active: true }),
    };
  }

  activeFor(identityKeys: string[]): Promise<DeviceRegistrationEntity[]> {
    return this.devices
      .createQueryBuilder('d')
      .where('d.identityKey IN (:...keys)', { keys: identityKeys })
      .andWhere('d.active = :active', { active: true })
      .getMany();
  }
}
