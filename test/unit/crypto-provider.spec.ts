import { createNonce, PrivateKey, ProtoWallet, verifyNonce, WalletInterface } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import {
  AUTH_SIGNATURE_PROTOCOL,
  CryptoProvider,
  ProtocolID,
} from '../../src/auth/crypto/crypto-provider';
import { loadNativeSecp256k1 } from '../../src/auth/crypto/create-crypto-provider';
import { NativeCryptoProvider } from '../../src/auth/crypto/native-crypto-provider';
import { SdkCryptoProvider } from '../../src/auth/crypto/sdk-crypto-provider';

const addon = loadNativeSecp256k1();
const ROUNDS = 250;
const PROTOCOLS: ProtocolID[] = [
  AUTH_SIGNATURE_PROTOCOL,
  [2, 'server hmac'],
  [1, 'messagebox'],
  [2, '3241645161d8'],
];

function randomKeyID(): string {
  // Includes keyIDs made of random bytes read as UTF-8, as createNonce does.
  const kind = Math.floor(Math.random() * 3);
  if (kind === 0)
    return randomBytes(32).toString('base64') + ' ' + randomBytes(48).toString('base64');
  if (kind === 1) return String.fromCharCode(...randomBytes(16));
  return `${Math.floor(Math.random() * 1e6)}`;
}

function pair(): { native: CryptoProvider; sdk: CryptoProvider; hex: string } {
  const hex = PrivateKey.fromRandom().toHex().padStart(64, '0');
  return { native: new NativeCryptoProvider(hex, addon!), sdk: new SdkCryptoProvider(hex), hex };
}

describe('crypto providers: native secp256k1 and @bsv/sdk agree byte for byte', () => {
  it('loads the native addon on this machine', () => {
    expect(addon).toBeDefined();
  });

  it('derive the same identity, child public keys and HMACs on many random keys', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { native, sdk } = pair();
      expect(native.identityKey).toBe(sdk.identityKey);
      const counterparty = [PrivateKey.fromRandom().toPublicKey().toString(), 'self', 'anyone'][
        i % 3
      ];
      const args = {
        protocolID: PROTOCOLS[i % PROTOCOLS.length],
        keyID: randomKeyID(),
        counterparty,
      };
      for (const forSelf of [false, true]) {
        expect(await native.derivePublicKey({ ...args, forSelf })).toBe(
          await sdk.derivePublicKey({ ...args, forSelf }),
        );
      }
      const data = randomBytes(i % 50);
      expect(await native.createHmac({ ...args, data })).toEqual(
        await sdk.createHmac({ ...args, data }),
      );
    }
  });

  it('make signatures that ProtoWallet verifies, and verify what ProtoWallet signs', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { native } = pair();
      const client = new ProtoWallet(PrivateKey.fromRandom());
      const { publicKey: clientKey } = await client.getPublicKey({ identityKey: true });
      const keyID = randomKeyID();
      const data = randomBytes(1 + (i % 300));

      const serverSig = await native.createSignature({
        protocolID: AUTH_SIGNATURE_PROTOCOL,
        keyID,
        counterparty: clientKey,
        data,
      });
      const { valid } = await client.verifySignature({
        protocolID: AUTH_SIGNATURE_PROTOCOL,
        keyID,
        counterparty: native.identityKey,
        data: Array.from(data),
        signature: serverSig,
      });
      expect(valid).toBe(true);

      const { signature } = await client.createSignature({
        protocolID: AUTH_SIGNATURE_PROTOCOL,
        keyID,
        counterparty: native.identityKey,
        data: Array.from(data),
      });
      const args = { protocolID: AUTH_SIGNATURE_PROTOCOL, keyID, counterparty: clientKey, data };
      expect(await native.verifySignature({ ...args, signature: Uint8Array.from(signature) })).toBe(
        true,
      );
      const tampered = Uint8Array.from(data);
      tampered[0] ^= 1;
      expect(
        await native.verifySignature({
          ...args,
          data: tampered,
          signature: Uint8Array.from(signature),
        }),
      ).toBe(false);
    }
  });

  it('make nonces that @bsv/sdk verifyNonce accepts, and accept nonces from @bsv/sdk createNonce', async () => {
    for (let i = 0; i < 50; i++) {
      const { native, hex } = pair();
      // ProtoWallet implements the key operations createNonce/verifyNonce use.
      const wallet = new ProtoWallet(PrivateKey.fromHex(hex)) as unknown as WalletInterface;
      expect(await verifyNonce(await native.createNonce(), wallet)).toBe(true);
      expect(await native.verifyNonce(await createNonce(wallet))).toBe(true);
      const other = await createNonce(
        new ProtoWallet(PrivateKey.fromRandom()) as unknown as WalletInterface,
      );
      expect(await native.verifyNonce(other)).toBe(false);
    }
  });

  it('agree on which public keys are valid', () => {
    const { native, sdk } = pair();
    const good = PrivateKey.fromRandom().toPublicKey().toString();
    const offCurve = '02' + '0'.repeat(63) + '5';
    const beyondPrime = '02' + 'f'.repeat(64);
    const uncompressed = PrivateKey.fromRandom()
      .toPublicKey()
      .toString()
      .replace(/^0[23]/, '04');
    for (const key of [good, offCurve, beyondPrime, uncompressed, '', 'zz', good.slice(0, 60)]) {
      expect(native.isValidPublicKey(key)).toBe(sdk.isValidPublicKey(key));
    }
    expect(native.isValidPublicKey(good)).toBe(true);
    expect(native.isValidPublicKey(offCurve)).toBe(false);
    expect(native.isValidPublicKey(beyondPrime)).toBe(false);
  });

  it('refuse garbage signatures without throwing', async () => {
    const { native, sdk } = pair();
    const args = {
      protocolID: AUTH_SIGNATURE_PROTOCOL,
      keyID: 'a b',
      counterparty: PrivateKey.fromRandom().toPublicKey().toString(),
      data: randomBytes(10),
    };
    for (const signature of [
      new Uint8Array(0),
      randomBytes(70),
      Uint8Array.from([0x30, 0x02, 0x01]),
    ]) {
      expect(await native.verifySignature({ ...args, signature })).toBe(false);
      expect(await sdk.verifySignature({ ...args, signature })).toBe(false);
    }
  });
});
