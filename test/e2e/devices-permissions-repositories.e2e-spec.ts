import { randomBytes } from 'node:crypto';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { DeviceRegistrationEntity } from '../../src/devices/device-registration.entity';
import { DevicesRepository } from '../../src/devices/devices.repository';
import { MessagePermissionEntity } from '../../src/permissions/message-permission.entity';
import { PermissionsRepository } from '../../src/permissions/permissions.repository';
import { describeEachDatabase } from '../helpers/database-targets';
import { dataSourceOnDatabase } from '../helpers/data-source-on-database';

const newKey = () => `02${randomBytes(32).toString('hex')}`;

/** The writes of DevicesRepository and PermissionsRepository, each in its own transaction. */
describeEachDatabase('devices and permissions repositories on $name', (target) => {
  let devices!: DevicesRepository;
  let permissions!: PermissionsRepository;
  dataSourceOnDatabase(target, (ds) => {
    const transactions = new TransactionRunner(ds);
    devices = new DevicesRepository(ds.getRepository(DeviceRegistrationEntity), transactions);
    permissions = new PermissionsRepository(
      ds.getRepository(MessagePermissionEntity),
      transactions,
    );
  });

  it('registers a token once, moves it to the identity registering it again, and counts devices', async () => {
    const [first, second] = [newKey(), newKey()];
    const token = `token-${randomBytes(8).toString('hex')}`;
    const before = await devices.counts();
    const id = await devices.register(first, { fcmToken: token, deviceId: 'd1', platform: 'ios' });
    expect(
      await devices.register(second, { fcmToken: token, deviceId: 'd2', platform: null }),
    ).toBe(id);
    expect(await devices.listFor(first)).toEqual([]);
    expect((await devices.listFor(second)).map((d) => [d.id, d.deviceId])).toEqual([[id, 'd2']]);
    expect(await devices.counts()).toEqual({ total: before.total + 1, active: before.active + 1 });

    await devices.markUsed(id);
    await devices.deactivate(id);
    expect(await devices.activeFor([second])).toEqual([]);
    expect(await devices.counts()).toEqual({ total: before.total + 1, active: before.active });
  });

  it('sets a rule, then overwrites it on the same (recipient, box, sender)', async () => {
    const [recipient, sender] = [newKey(), newKey()];
    await permissions.setRule(recipient, 'inbox', sender, 5);
    await permissions.setRule(recipient, 'inbox', sender, 7);
    await permissions.setRule(recipient, 'inbox', '', -1);
    expect((await permissions.findExact(recipient, 'inbox', sender))?.recipientFee).toBe(7);
    const rules = await permissions.rulesFor(sender, 'inbox', [recipient]);
    expect(rules.map((r) => [r.sender, r.recipientFee]).sort()).toEqual([
      ['', -1],
      [sender, 7],
    ]);
  });
});
