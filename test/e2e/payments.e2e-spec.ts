import { MessageBoxClient } from '@bsv/message-box-client';
import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { DataSource } from 'typeorm';
import { CryptoProvider } from '../../src/auth/crypto/crypto-provider';
import { DeliveryPaymentEntity } from '../../src/payments/delivery-payment.entity';
import { PaymentInputEntity } from '../../src/payments/payment-input.entity';
import { PaymentOutpointEntity } from '../../src/payments/payment-outpoint.entity';
import { MessageEntity } from '../../src/messages/message.entity';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testAppOnDatabase } from '../helpers/test-app-on-database';
import { describeEachDatabase } from '../helpers/database-targets';
import { newPayer, signedPost } from '../helpers/factories';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { buildPayment, PlannedOutput } from '../helpers/payment-builder';
import { TestChainTracker, withChainTracker } from '../helpers/test-chain-tracker';
import { testEnvironment } from '../helpers/test-environment';
import { TestWallet } from '../helpers/test-wallet';

interface Party {
  key: string;
  wallet: TestWallet;
  client: MessageBoxClient;
  http: AuthFetch;
}

describeEachDatabase('delivery-fee payments on $name', (target) => {
  const tracker = new TestChainTracker();
  let t!: TestApp;
  let serverKey: string;
  testAppOnDatabase(
    target,
    (env) =>
      createTestApp(
        testEnvironment({ ...env, MESSAGEBOX_FEES: 'paid-box=10' }),
        [],
        0,
        withChainTracker(tracker),
      ),
    (app) => {
      t = app;
      serverKey = t.app.get(CryptoProvider).identityKey;
    },
  );

  function party(): Promise<Party> {
    const payer = newPayer(tracker);
    return Promise.resolve({
      ...payer,
      client: newMessageBoxClient(t.url, payer.wallet.asWallet()),
    });
  }

  async function send(
    from: Party,
    recipients: string[],
    payment: unknown,
    messageId = `m-${Math.random()}`,
    { messageBox = 'notifications', body = 'paid hello' } = {},
  ) {
    return signedPost<{ code?: string; status: string }>(from.http, `${t.url}/sendMessage`, {
      message: {
        recipients,
        messageBox,
        messageId: recipients.map((_, i) => `${messageId}-${i}`),
        body,
      },
      payment,
    });
  }

  const db = () => t.app.get(DataSource);
  const counts = async () => ({
    outpoints: await db().getRepository(PaymentOutpointEntity).count(),
    delivery: await db().getRepository(DeliveryPaymentEntity).count(),
    inputs: await db().getRepository(PaymentInputEntity).count(),
    messages: await db().getRepository(MessageEntity).count(),
  });

  it('accepts the exact payment the official client builds, records it, and hands the recipient its outputs', async () => {
    const [alice, bob] = [await party(), await party()];
    const sent = await alice.client.sendNotification(bob.key, 'paid ping');
    expect(sent.status).toBe('success');

    const delivery = await db()
      .getRepository(DeliveryPaymentEntity)
      .findOneByOrFail({ sender: alice.key, messageBox: 'notifications' });
    expect(delivery).toMatchObject({ vout: 0, satoshis: 10, senderIdentityKey: alice.key });

    const listed = await bob.client.listMessages({ messageBox: 'notifications' });
    expect(listed.map((m) => m.body)).toEqual(['paid ping']);
    expect(bob.wallet.internalized).toHaveLength(1);
    expect(bob.wallet.internalized[0].outputs).toEqual([
      expect.objectContaining({ outputIndex: 1, protocol: 'wallet payment' }),
    ]);
  });

  it('accepts one batch mixing free and paid recipients, each paid recipient getting only its own output', async () => {
    const [alice, bob, carol, dave] = [await party(), await party(), await party(), await party()];
    await carol.client.setMessageBoxPermission({ messageBox: 'notifications', recipientFee: 0 });
    await dave.client.setMessageBoxPermission({ messageBox: 'notifications', recipientFee: 25 });
    const result = await alice.client.sendNotification(
      [bob.key, carol.key, dave.key],
      'batch ping',
    );
    expect(result.status).toBe('success');
    for (const [who, outputIndex] of [
      [bob, 1],
      [dave, 2],
    ] as const) {
      await who.client.listMessages({ messageBox: 'notifications' });
      expect(who.wallet.internalized.map((i) => i.outputs.map((o) => o.outputIndex))).toEqual([
        [outputIndex],
      ]);
    }
    const carols = await carol.client.listMessages({ messageBox: 'notifications' });
    expect(carols.map((m) => m.body)).toEqual(['batch ping']);
    expect(carol.wallet.internalized).toEqual([]);
  });

  async function refused(
    planned: (bob: string) => PlannedOutput[],
    code: string,
    recipientFee?: number,
  ) {
    const [alice, bob] = [await party(), await party()];
    if (recipientFee !== undefined)
      await bob.client.setMessageBoxPermission({ messageBox: 'notifications', recipientFee });
    const before = await counts();
    const payment = await buildPayment(alice.wallet, serverKey, planned(bob.key));
    const res = await send(alice, [bob.key], payment);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe(code);
    expect(await counts()).toEqual(before);
    expect(await bob.client.listMessages({ messageBox: 'notifications' })).toEqual([]);
  }

  it('refuses an underpaid delivery fee', async () => {
    await refused(
      (bob) => [
        { to: 'server', satoshis: 9 },
        { to: bob, satoshis: 10 },
      ],
      'ERR_INSUFFICIENT_PAYMENT',
    );
  });

  it('refuses an underpaid recipient fee', async () => {
    await refused(
      (bob) => [
        { to: 'server', satoshis: 10 },
        { to: bob, satoshis: 9 },
      ],
      'ERR_INSUFFICIENT_PAYMENT',
    );
  });

  it('refuses a delivery output locked to the wrong key', async () => {
    const stranger = PrivateKey.fromRandom().toPublicKey().toString();
    await refused(
      (bob) => [
        { to: 'server', satoshis: 10, lockTo: stranger },
        { to: bob, satoshis: 10 },
      ],
      'ERR_INSUFFICIENT_PAYMENT',
    );
  });

  it('refuses a recipient output paying someone else', async () => {
    const stranger = PrivateKey.fromRandom().toPublicKey().toString();
    await refused(
      () => [
        { to: 'server', satoshis: 10 },
        { to: stranger, satoshis: 10 },
      ],
      'ERR_INSUFFICIENT_PAYMENT',
    );
  });

  it('refuses a payment without the recipient output', async () => {
    await refused(() => [{ to: 'server', satoshis: 10 }], 'ERR_INSUFFICIENT_OUTPUTS');
  });

  it('refuses a transaction that fails SPV (unknown block)', async () => {
    const [alice, bob] = [await party(), await party()];
    const unmined = new TestWallet(PrivateKey.fromRandom());
    const payment = await buildPayment(unmined, serverKey, [
      { to: 'server', satoshis: 10 },
      { to: bob.key, satoshis: 10 },
    ]);
    const res = await send(alice, [bob.key], payment);
    expect(res).toMatchObject({ status: 400, json: { code: 'ERR_INSUFFICIENT_PAYMENT' } });
  });

  it('refuses garbage in place of the transaction', async () => {
    const [alice, bob] = [await party(), await party()];
    const res = await send(alice, [bob.key], { tx: [1, 2, 3, 999], outputs: [{ outputIndex: 0 }] });
    expect(res).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_PAYMENT_TX' } });
  });

  it('answers 400, not 500, to a remittance senderIdentityKey that is not a public key', async () => {
    const [alice, bob] = [await party(), await party()];
    for (const badKey of ['02' + 'ff'.repeat(32), 'not a key']) {
      const payment = (await buildPayment(alice.wallet, serverKey, [
        { to: 'server', satoshis: 10 },
        { to: bob.key, satoshis: 10 },
      ])) as unknown as { outputs: Array<{ paymentRemittance: { senderIdentityKey: string } }> };
      payment.outputs[0].paymentRemittance.senderIdentityKey = badKey;
      const res = await send(alice, [bob.key], payment);
      expect(res).toMatchObject({ status: 400, json: { code: 'ERR_INVALID_PAYMENT' } });
    }
  });

  it('refuses a replayed outpoint, but takes an identical retry of the same send once', async () => {
    const [alice, bob, carol] = [await party(), await party(), await party()];
    const payment = await buildPayment(alice.wallet, serverKey, [
      { to: 'server', satoshis: 10 },
      { to: bob.key, satoshis: 10 },
    ]);
    expect((await send(alice, [bob.key], payment, 'first')).status).toBe(200);
    const retry = await send(alice, [bob.key], payment, 'first');
    expect(retry.status).toBe(200);
    const replay = await send(alice, [bob.key], payment, 'second');
    expect(replay).toMatchObject({ status: 400, json: { code: 'ERR_PAYMENT_ALREADY_USED' } });
    const elsewhere = await send(alice, [carol.key], payment, 'third');
    expect(elsewhere.status).toBe(400);
    const listed = await bob.client.listMessages({ messageBox: 'notifications' });
    expect(listed).toHaveLength(1);
  });

  it('refuses a blocked recipient even with a valid payment', async () => {
    const [alice, bob] = [await party(), await party()];
    await bob.client.setMessageBoxPermission({
      messageBox: 'notifications',
      recipientFee: -1,
      sender: alice.key,
    });
    const payment = await buildPayment(alice.wallet, serverKey, [
      { to: 'server', satoshis: 10 },
      { to: bob.key, satoshis: 10 },
    ]);
    const res = await send(alice, [bob.key], payment);
    expect(res).toMatchObject({ status: 403, json: { code: 'ERR_DELIVERY_BLOCKED' } });
  });

  describe('a payment pays for exactly one send', () => {
    async function paidOnce() {
      const [alice, bob, carol] = [await party(), await party(), await party()];
      const payment = await buildPayment(alice.wallet, serverKey, [
        { to: 'server', satoshis: 10 },
        { to: bob.key, satoshis: 10 },
      ]);
      const id = `bound-${Math.random()}`;
      expect((await send(alice, [bob.key], payment, id)).status).toBe(200);
      return { alice, bob, carol, payment, id };
    }

    async function refusedAndNothingStored(
      attempt: () => Promise<{ status: number; json: object }>,
    ) {
      const before = await counts();
      expect(await attempt()).toMatchObject({
        status: 400,
        json: { code: 'ERR_PAYMENT_ALREADY_USED' },
      });
      expect(await counts()).toEqual(before);
    }

    it('refuses the same payment and messageId with another body', async () => {
      const { alice, bob, payment, id } = await paidOnce();
      await refusedAndNothingStored(() => send(alice, [bob.key], payment, id, { body: 'other' }));
      const listed = await bob.client.listMessages({ messageBox: 'notifications' });
      expect(listed.map((m) => m.body)).toEqual(['paid hello']);
    });

    it('refuses the same payment carrying more recipients, even free ones', async () => {
      const { alice, bob, carol, payment, id } = await paidOnce();
      await carol.client.setMessageBoxPermission({ messageBox: 'notifications', recipientFee: 0 });
      await refusedAndNothingStored(() => send(alice, [bob.key, carol.key], payment, id));
      expect(await carol.client.listMessages({ messageBox: 'notifications' })).toEqual([]);
    });

    it('after acknowledgement, refuses a new body and answers an identical retry without redelivering', async () => {
      const { alice, bob, payment, id } = await paidOnce();
      const [first] = await bob.client.listMessages({ messageBox: 'notifications' });
      await bob.client.acknowledgeMessage({ messageIds: [first.messageId] });
      await refusedAndNothingStored(() => send(alice, [bob.key], payment, id, { body: 'again' }));
      const before = await counts();
      expect((await send(alice, [bob.key], payment, id)).status).toBe(200);
      expect(await counts()).toEqual(before);
      expect(await bob.client.listMessages({ messageBox: 'notifications' })).toEqual([]);
    });

    it('refuses the same payment for another paid box', async () => {
      const { alice, bob, payment, id } = await paidOnce();
      await refusedAndNothingStored(() =>
        send(alice, [bob.key], payment, id, { messageBox: 'paid-box' }),
      );
    });

    it('refuses a second payment that spends an input the first one spent', async () => {
      const { alice, bob } = await paidOnce();
      alice.wallet.fundFrom = alice.wallet.lastFunding;
      const doubleSpend = await buildPayment(alice.wallet, serverKey, [
        { to: 'server', satoshis: 10 },
        { to: bob.key, satoshis: 10 },
      ]);
      alice.wallet.fundFrom = undefined;
      await refusedAndNothingStored(() => send(alice, [bob.key], doubleSpend));
      expect(await bob.client.listMessages({ messageBox: 'notifications' })).toHaveLength(1);
    });
  });
});
