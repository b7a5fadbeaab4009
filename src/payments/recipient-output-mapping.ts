import { isObject, isNonBlankString, JsonObject } from '../common/validation/json-shapes';
import { paymentError } from './payment-errors';
import { FeeRecipient } from './payment-verifier';

function instructions(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The recipient an output is tagged for, looked up where the reference server looks (docs/protocol/fees-and-payments.md#mapping-outputs-to-recipients). */
function taggedRecipient(output: unknown): string | undefined {
  if (!isObject(output)) return undefined;
  const sources = [
    isObject(output.insertionRemittance)
      ? output.insertionRemittance.customInstructions
      : undefined,
    isObject(output.paymentRemittance) ? output.paymentRemittance.customInstructions : undefined,
    output.customInstructions,
  ];
  for (const source of sources) {
    const ci = instructions(source);
    if (ci && isNonBlankString(ci.recipientIdentityKey))
      return ci.recipientIdentityKey.trim().toLowerCase();
  }
  return undefined;
}

/**
 * Assigns the recipient-side outputs (all outputs but the delivery-fee one) to the recipients that
 * charge a fee, with the reference server's algorithm (docs/protocol/fees-and-payments.md#mapping-outputs-to-recipients): by `recipientIdentityKey`
 * tags when any output has one, otherwise by position in request order.
 */
export function mapRecipientOutputs(
  recipientSide: unknown[],
  feeRecipients: FeeRecipient[],
): Map<string, unknown[]> {
  const mapped = new Map<string, unknown[]>();
  const tagged = new Map<string, unknown[]>();
  const used = new Set<unknown>();
  for (const output of recipientSide) {
    const tag = taggedRecipient(output);
    if (tag === undefined) continue;
    tagged.set(tag, [...(tagged.get(tag) ?? []), output]);
    if (isObject(output) && typeof output.outputIndex === 'number') used.add(output);
  }
  if (tagged.size === 0) {
    if (recipientSide.length < feeRecipients.length) {
      throw paymentError(
        'ERR_INSUFFICIENT_OUTPUTS',
        `Expected at least ${feeRecipients.length} recipient output(s) but received ${recipientSide.length}`,
      );
    }
    feeRecipients.forEach((f, i) => mapped.set(f.recipient, [recipientSide[i]]));
    return mapped;
  }
  const untagged = feeRecipients.filter((f) => !tagged.has(f.recipient));
  const unused = recipientSide.filter((o) => !used.has(o));
  if (unused.length < untagged.length) {
    throw paymentError(
      'ERR_INSUFFICIENT_OUTPUTS',
      `Expected at least ${untagged.length} additional recipient output(s) but only ${unused.length} remain`,
    );
  }
  let next = 0;
  for (const f of feeRecipients) {
    const outputs = tagged.get(f.recipient) ?? [unused[next++]];
    if (outputs.length === 0) {
      throw paymentError(
        'ERR_MISSING_RECIPIENT_OUTPUTS',
        `Recipient fee required but no outputs were provided for ${f.recipient}`,
      );
    }
    mapped.set(f.recipient, outputs);
  }
  return mapped;
}
