import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerFeesService } from '../../src/permissions/server-fees.service';
import { settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { nativeWallet } from '../helpers/native-wallet';
import { testEnvironment } from '../helpers/test-environment';

describe('server delivery fees are operator configuration', () => {
  let t: TestApp;
  let quote: (box: string) => Promise<{ deliveryFee: number; recipientFee: number }>;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mb-fees-')), 'fees.json');
    writeFileSync(file, JSON.stringify({ chat: 5, inbox: 7 }));
    t = await createTestApp(
      testEnvironment({ MESSAGEBOX_FEES_FILE: file, MESSAGEBOX_FEES: 'inbox=3' }),
    );
    const caller = new AuthFetch(nativeWallet());
    const recipient = PrivateKey.fromRandom().toPublicKey().toString();
    quote = async (box) => {
      const res = await settlesWithin(
        caller.fetch(`${t.url}/permissions/quote?recipient=${recipient}&messageBox=${box}`),
      );
      return ((await res.json()) as { quote: { deliveryFee: number; recipientFee: number } }).quote;
    };
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
