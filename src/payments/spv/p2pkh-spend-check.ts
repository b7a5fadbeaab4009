import {
  BigNumber,
  ECDSA,
  Hash,
  PublicKey,
  Signature,
  Transaction,
  TransactionSignature,
} from '@bsv/sdk';
import { createHash } from 'node:crypto';
import { Secp256k1Addon } from '../../auth/crypto/secp256k1-addon';

const P2PKH_LOCK = /^76a914([0-9a-f]{40})88ac$/;
/** SIGHASH_ALL/NONE/SINGLE with FORKID, optionally ANYONECANPAY; nothing else is standard here. */
const STANDARD_SCOPES = new Set([0x41, 0x42, 0x43, 0xc1, 0xc2, 0xc3]);

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

/** Why an input of an unmined transaction is not accepted. */
export class SpendRefused extends Error {}

/**
 * Checks one input of an unmined payment transaction, which must spend a standard P2PKH output
 * with a standard unlocking script (<DER signature + FORKID sighash> <public key>). This is the
 * whole evaluation of that script pair, at the cost of one transaction hash and one ECDSA check;
 * no script interpreter runs, so no script can make the check expensive.
 */
export function checkP2pkhSpend(
  tx: Transaction,
  index: number,
  secp: Secp256k1Addon | undefined,
): void {
  const input = tx.inputs[index];
  const source = input.sourceTransaction!.outputs[input.sourceOutputIndex];
  const lock = P2PKH_LOCK.exec(source.lockingScript.toHex());
  if (!lock) throw new SpendRefused(`input ${index} does not spend a standard P2PKH output`);
  const chunks = input.unlockingScript?.chunks ?? [];
  const [sigChunk, keyChunk] = chunks;
  const sig = sigChunk?.data;
  const key = keyChunk?.data;
  if (
    chunks.length !== 2 ||
    !sig ||
    !key ||
    sig.length < 9 ||
    sig.length > 73 ||
    (key.length !== 33 && key.length !== 65)
  ) {
    throw new SpendRefused(`input ${index} does not have a standard P2PKH unlocking script`);
  }
  const keyHash = Hash.hash160(key);
  if (Buffer.from(keyHash).toString('hex') !== lock[1])
    throw new SpendRefused(`input ${index} is signed by a key the output is not locked to`);
  const scope = sig[sig.length - 1];
  if (!STANDARD_SCOPES.has(scope))
    throw new SpendRefused(`input ${index} uses a non-standard signature hash type`);
  const preimage = TransactionSignature.formatBytes({
    sourceTXID: input.sourceTXID!,
    sourceOutputIndex: input.sourceOutputIndex,
    sourceSatoshis: source.satoshis ?? 0,
    transactionVersion: tx.version,
    otherInputs: tx.inputs.filter((_, i) => i !== index),
    outputs: tx.outputs,
    inputIndex: index,
    subscript: source.lockingScript,
    inputSequence: input.sequence ?? 0xffffffff,
    lockTime: tx.lockTime,
    scope,
  });
  const digest = sha256(sha256(preimage));
  const der = Uint8Array.from(sig.slice(0, -1));
  if (!verifyEcdsa(der, digest, Uint8Array.from(key), secp))
    throw new SpendRefused(`input ${index} has an invalid signature`);
}

function verifyEcdsa(
  der: Uint8Array,
  digest: Uint8Array,
  key: Uint8Array,
  secp: Secp256k1Addon | undefined,
): boolean {
  try {
    if (secp) {
      // libsecp256k1 accepts only low-S signatures; the script rules here accept both forms.
      const compact = secp.signatureNormalize(secp.signatureImport(der));
      return secp.ecdsaVerify(compact, digest, key);
    }
    return ECDSA.verify(
      new BigNumber(Array.from(digest)),
      Signature.fromDER(Array.from(der)),
      PublicKey.fromString(Buffer.from(key).toString('hex')),
    );
  } catch {
    return false;
  }
}
