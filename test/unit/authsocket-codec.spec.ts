import { randomBytes } from 'node:crypto';
import { byteArrayJson, encodeEvent } from '../../src/realtime/authsocket-codec';

describe('byteArrayJson', () => {
  it('writes exactly what JSON.stringify of the number array would', () => {
    const samples = [Buffer.alloc(0), Buffer.from([0, 9, 10, 99, 100, 255]), randomBytes(4096)];
    for (const bytes of samples) {
      expect(byteArrayJson(bytes)).toBe(JSON.stringify(Array.from(bytes)));
    }
  });

  it('encodes an event once as signed bytes and as their array text', () => {
    const event = encodeEvent('sendMessage-x', { body: 'héllo' });
    expect(JSON.parse(event.arrayJson)).toEqual(Array.from(event.bytes));
    expect(JSON.parse(event.bytes.toString('utf8'))).toEqual({
      eventName: 'sendMessage-x',
      data: { body: 'héllo' },
    });
  });
});
