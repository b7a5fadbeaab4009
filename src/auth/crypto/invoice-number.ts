import { ProtocolID } from './crypto-provider';

/**
 * BRC-43 invoice number, with the same checks as `@bsv/sdk` KeyDeriver so both crypto paths
 * accept and refuse exactly the same inputs.
 */
export function invoiceNumber(protocolID: ProtocolID, keyID: string): string {
  const [level, name] = protocolID;
  if (!Number.isInteger(level) || level < 0 || level > 2) {
    throw new Error('Protocol security level must be 0, 1, or 2');
  }
  const protocolName = name.toLowerCase().trim();
  if (keyID.length > 800) throw new Error('Key IDs must be 800 characters or less');
  if (keyID.length < 1) throw new Error('Key IDs must be 1 character or more');
  const limit = protocolName.startsWith('specific linkage revelation ') ? 430 : 400;
  if (protocolName.length > limit) throw new Error('Protocol name too long');
  if (protocolName.length < 5) throw new Error('Protocol names must be 5 characters or more');
  if (protocolName.includes('  ')) throw new Error('Protocol names cannot contain "  "');
  if (!/^[a-z0-9 ]+$/.test(protocolName)) throw new Error('Invalid protocol name');
  if (protocolName.endsWith(' protocol')) throw new Error('Protocol name ends with " protocol"');
  return `${level}-${protocolName}-${keyID}`;
}
