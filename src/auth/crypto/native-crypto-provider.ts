import { Utils } from '@bsv/sdk';
import { createHash, createHmac } from 'node:crypto';
import {
  ANYONE_IDENTITY_KEY,
  Counterparty,
  CryptoProvider,
  KeyArgs,
  SignedData,
} from './crypto-provider';
import { invoiceNumber } from './invoice-number';
import { Secp256k1Addon } from './secp256k1-addon';
import { COMPRESSED_PUBLIC_KEY } from '../../common/validation/protocol-formats';

/** The public key of PrivateKey(1), i.e. the generator: BRC-42's "anyone" counterparty. */
const ANYONE = Buffer.from(ANYONE_IDENTITY_KEY, 'hex');
const SHARED_SECRET_CACHE_MAX = 50_000;

const compressedPoint = (x: Uint8Array, y: Uint8Array): Uint8Array => {
  const out = new Uint8Array(33);
  out[0] = (y[31] & 1) === 1 ? 0x03 : 0x02;
  out.set(x, 1);
  return out;
};
const xOnly = (x: Uint8Array): Uint8Array => Uint8Array.from(x);

/** ProtoWallet's SymmetricKey is a big number: its byte form drops leading zero bytes. */
const stripLeadingZeros = (bytes: Uint8Array): Uint8Array => {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
};

/**
 * Native path: libsecp256k1 through the `secp256k1` addon, about 30x less CPU than pure JS.
 * The ECDH secret between the root key and a counterparty is the same for every invoice number,
 * so it is cached per counterparty; every derivation after the first costs one HMAC plus one
 * point tweak.
 */
export class NativeCryptoProvider extends CryptoProvider {
  readonly kind = 'native' as const;
  readonly identityKey: string;
  private readonly root: Uint8Array;
  private readonly rootPublic: Uint8Array;
  private readonly sharedSecrets = new Map<string, Uint8Array>();
  private readonly counterparties = new Map<string, Uint8Array>();

  constructor(
    privateKeyHex: string,
    private readonly secp: Secp256k1Addon,
  ) {
    super();
    this.root = Uint8Array.from(Buffer.from(privateKeyHex, 'hex'));
    if (!secp.privateKeyVerify(this.root)) throw new Error('Invalid server private key');
    this.rootPublic = secp.publicKeyCreate(this.root, true);
    this.identityKey = Buffer.from(this.rootPublic).toString('hex');
  }

  createSignature(args: KeyArgs & { data: SignedData }): Promise<number[]> {
    const key = this.derivePrivate(args);
    const { signature } = this.secp.ecdsaSign(sha256(args.data), key);
    return Promise.resolve(Array.from(this.secp.signatureExport(signature)));
  }

  verifySignature(args: KeyArgs & { data: SignedData; signature: Uint8Array }): Promise<boolean> {
    try {
      const pub = this.deriveCounterpartyPublic(args);
      // libsecp256k1 accepts only low-S signatures; ProtoWallet accepts both forms.
      const sig = this.secp.signatureNormalize(this.secp.signatureImport(args.signature));
      return Promise.resolve(this.secp.ecdsaVerify(sig, sha256(args.data), pub));
    } catch {
      return Promise.resolve(false);
    }
  }

  createHmac(args: KeyArgs & { data: Uint8Array }): Promise<number[]> {
    const priv = this.derivePrivate(args);
    const pub = this.deriveCounterpartyPublic(args);
    const x = this.secp.ecdh(pub, priv, { hashfn: xOnly }, new Uint8Array(32));
    const key = stripLeadingZeros(x);
    return Promise.resolve(Array.from(createHmac('sha256', key).update(args.data).digest()));
  }

  derivePublicKey(args: KeyArgs & { forSelf?: boolean }): Promise<string> {
    const key = args.forSelf
      ? this.secp.publicKeyCreate(this.derivePrivate(args), true)
      : this.deriveCounterpartyPublic(args);
    return Promise.resolve(Buffer.from(key).toString('hex'));
  }

  isValidPublicKey(hex: string): boolean {
    if (this.counterparties.has(hex)) return true;
    return COMPRESSED_PUBLIC_KEY.test(hex) && this.secp.publicKeyVerify(Buffer.from(hex, 'hex'));
  }

  private counterpartyKey(counterparty: Counterparty): Uint8Array {
    if (counterparty === 'self') return this.rootPublic;
    if (counterparty === 'anyone') return ANYONE;
    // Parsed and curve-checked once per key: every request of a session uses the same one.
    let key = this.counterparties.get(counterparty);
    if (!key) {
      if (!this.isValidPublicKey(counterparty)) throw new Error('Invalid counterparty public key');
      key = Buffer.from(counterparty, 'hex');
      if (this.counterparties.size >= SHARED_SECRET_CACHE_MAX) {
        this.counterparties.delete(this.counterparties.keys().next().value as string);
      }
      this.counterparties.set(counterparty, key);
    }
    return key;
  }

  /** Compressed ECDH point root * counterparty, as PrivateKey.deriveSharedSecret().encode(true). */
  private sharedSecret(counterparty: Uint8Array): Uint8Array {
    const id = Buffer.from(counterparty).toString('hex');
    let secret = this.sharedSecrets.get(id);
    if (!secret) {
      secret = this.secp.ecdh(
        counterparty,
        this.root,
        { hashfn: compressedPoint },
        new Uint8Array(33),
      );
      if (this.sharedSecrets.size >= SHARED_SECRET_CACHE_MAX) {
        this.sharedSecrets.delete(this.sharedSecrets.keys().next().value as string);
      }
      this.sharedSecrets.set(id, secret);
    }
    return secret;
  }

  private tweak(args: KeyArgs, counterparty: Uint8Array): Uint8Array {
    const invoice = utf8(invoiceNumber(args.protocolID, args.keyID));
    return createHmac('sha256', this.sharedSecret(counterparty)).update(invoice).digest();
  }

  private derivePrivate(args: KeyArgs): Uint8Array {
    const counterparty = this.counterpartyKey(args.counterparty);
    return this.secp.privateKeyTweakAdd(Uint8Array.from(this.root), this.tweak(args, counterparty));
  }

  private deriveCounterpartyPublic(args: KeyArgs): Uint8Array {
    const counterparty = this.counterpartyKey(args.counterparty);
    return this.secp.publicKeyTweakAdd(counterparty, this.tweak(args, counterparty), true);
  }
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The invoice number's bytes as @bsv/sdk encodes them. Its UTF-8 encoder treats some invalid
 * strings (lone surrogates, from keyIDs made of random bytes) unlike Node's, so only ASCII, the
 * case of every signature keyID, takes the fast path.
 */
function utf8(text: string): Uint8Array {
  return ASCII.test(text)
    ? Buffer.from(text, 'latin1')
    : Uint8Array.from(Utils.toArray(text, 'utf8'));
}

function sha256(data: SignedData): Uint8Array {
  const hash = createHash('sha256');
  for (const part of data instanceof Uint8Array ? [data] : data) hash.update(part);
  return hash.digest();
}
