/** The part of the `secp256k1` package (v5) API we use; the native addon implements it. */
export interface Secp256k1Addon {
  privateKeyVerify(key: Uint8Array): boolean;
  publicKeyVerify(key: Uint8Array): boolean;
  publicKeyCreate(key: Uint8Array, compressed?: boolean): Uint8Array;
  privateKeyTweakAdd(key: Uint8Array, tweak: Uint8Array): Uint8Array;
  publicKeyTweakAdd(key: Uint8Array, tweak: Uint8Array, compressed?: boolean): Uint8Array;
  ecdsaSign(msg32: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaVerify(sig: Uint8Array, msg32: Uint8Array, key: Uint8Array): boolean;
  signatureExport(sig: Uint8Array): Uint8Array;
  signatureImport(der: Uint8Array): Uint8Array;
  signatureNormalize(sig: Uint8Array): Uint8Array;
  ecdh(
    key: Uint8Array,
    priv: Uint8Array,
    opt: { hashfn: (x: Uint8Array, y: Uint8Array) => Uint8Array },
    output: Uint8Array,
  ): Uint8Array;
}
