import { randomBytes } from 'node:crypto';
import { DeliveryEnvelopes } from '../../src/realtime/delivery-envelope';

const delivery = {
  recipient: '02'.padEnd(66, 'a'),
  messageBox: 'inbox',
  message: {
    messageId: 'm1',
    sender: '03'.padEnd(66, 'b'),
    body: 'hello',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  },
};

describe('DeliveryEnvelopes (deliveries between instances)', () => {
  const key = randomBytes(32).toString('hex');
  const envelopes = new DeliveryEnvelopes(key);

  it('opens what an instance with the same server key sealed', () => {
    const sealed = new DeliveryEnvelopes(key).seal(delivery);
    expect(envelopes.open(sealed)).toEqual(delivery);
  });

  it('refuses an envelope sealed with another server key (another deployment)', () => {
    const foreign = new DeliveryEnvelopes(randomBytes(32).toString('hex')).seal(delivery);
    expect(envelopes.open(foreign)).toBeUndefined();
  });

  it('refuses a tampered payload, a forged or missing MAC, and an unsigned delivery', () => {
    const sealed = envelopes.seal(delivery);
    const tampered = { ...sealed, payload: sealed.payload.replace('hello', 'hijack') };
    expect(envelopes.open(tampered)).toBeUndefined();
    expect(envelopes.open({ ...sealed, mac: '00'.repeat(32) })).toBeUndefined();
    expect(envelopes.open({ payload: sealed.payload })).toBeUndefined();
    expect(envelopes.open(delivery)).toBeUndefined();
  });

  it('refuses a recorded envelope replayed more than a minute later', () => {
    const sealed = envelopes.seal(delivery, 1_000_000);
    expect(envelopes.open(sealed, 1_000_000 + 30_000)).toEqual(delivery);
    expect(envelopes.open(sealed, 1_000_000 + 61_000)).toBeUndefined();
  });
});
