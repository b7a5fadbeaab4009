import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServerFeesService } from '../../src/permissions/server-fees.service';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { newCaller, newIdentityKey } from '../helpers/factories';
import { testEnvironment } from '../helpers/test-environment';
import { tempDir } from '../helpers/temp-dir';

describe('server delivery fees are operator configuration', () => {
  const dir = tempDir('mb-fees-');
  let t: TestApp;
  let quote: (box: string) => Promise<{ deliveryFee: number; recipientFee: number }>;

  beforeAll(async () => {
    const file = join(dir, 'fees.json');
    writeFileSync(file, JSON.stringify({ chat: 5, inbox: 7 }));
    t = await createTestApp(
      testEnvironment({ MESSAGEBOX_FEES_FILE: file, MESSAGEBOX_FEES: 'inbox=3' }),
    );
    const caller = newCaller(t.url);
    const recipient = newIdentityKey();
    quote = async (box) =>
      (
        await caller.get<{ quote: { deliveryFee: number; recipientFee: number } }>(
          `/permissions/quote?recipient=${recipient}&messageBox=${box}`,
        )
      ).json.quote;
  });
  afterAll(() => t.close());

  it('applies the defaults, the fee file and MESSAGEBOX_FEES (which wins), leaving plain boxes free', async () => {
    expect(await quote('notifications')).toEqual({ deliveryFee: 10, recipientFee: 10 });
    expect(await quote('chat')).toEqual({ deliveryFee: 5, recipientFee: 0 });
    expect(await quote('inbox')).toEqual({ deliveryFee: 3, recipientFee: 0 });
    expect(await quote('payment_inbox')).toEqual({ deliveryFee: 0, recipientFee: 0 });
  });

  it('takes a changed fee into account without a restart', async () => {
    await t.app.get(ServerFeesService).setDeliveryFee('payment_requests', 0);
    await t.app.get(ServerFeesService).setDeliveryFee('chat', 6);
    expect(await quote('chat')).toEqual({ deliveryFee: 6, recipientFee: 0 });
  });
});
