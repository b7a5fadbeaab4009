import { SchedulerRegistry } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessageEntity } from '../../src/messages/message.entity';
import {
  MessageRetentionService,
  RETENTION_JOB,
} from '../../src/operations/retention/message-retention.service';
import { newCaller, newIdentityKey } from '../helpers/factories';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testEnvironment } from '../helpers/test-environment';

describe('scheduled message retention', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment({ MESSAGE_RETENTION_DAYS: '7' }));
  });
  afterAll(() => t.close());

  it('schedules an hourly purge that deletes only messages older than the retention', async () => {
    expect(t.app.get(SchedulerRegistry).getIntervals()).toEqual([RETENTION_JOB]);
    const alice = newCaller(t.url);
    const bob = newIdentityKey();
    const ids = [randomUUID(), randomUUID()];
    const res = await alice.post('/sendMessage', {
      message: { recipients: [bob, bob], messageBox: 'inbox', messageId: ids, body: 'hi' },
    });
    expect(res.status).toBe(200);
    const messages = t.app.get(DataSource).getRepository(MessageEntity);
    await messages.update(
      { recipient: bob, messageId: ids[0] },
      { createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) },
    );

    expect(await t.app.get(MessageRetentionService).purge()).toBe(1);
    expect((await messages.findBy({ recipient: bob })).map((m) => m.messageId)).toEqual([ids[1]]);
  });

  it('is off by default', async () => {
    const plain = await createTestApp(testEnvironment());
    try {
      expect(plain.app.get(SchedulerRegistry).getIntervals()).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
