import { PrivateKey } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

/**
 * Posts a BRC-103 initialRequest from a chosen loopback source address (127.0.0.2, 127.0.0.3,
 * ...): nginx then sees distinct client IPs while it reaches the instances from 127.0.0.1.
 * Resolves with the HTTP status.
 */
export function handshakeFrom(url: string, localAddress: string): Promise<number> {
  const body = JSON.stringify({
    version: '0.1',
    messageType: 'initialRequest',
    identityKey: PrivateKey.fromRandom().toPublicKey().toString(),
    // 48 bytes, as the SDK's nonces: base64 without padding.
    initialNonce: randomBytes(48).toString('base64'),
  });
  const target = new URL('/.well-known/auth', url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 5000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('handshake timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
