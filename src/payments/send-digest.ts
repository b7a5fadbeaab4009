import { createHash } from 'node:crypto';

export interface SendContent {
  sender: string;
  messageBox: string;
  pairs: Array<{ recipient: string; messageId: string }>;
  body: unknown;
}

/**
 * SHA-256 over everything a send is: sender, box, every (recipient, messageId) pair in order and
 * the body. A payment is bound to this digest; only a send with the same digest is its retry.
 */
export function sendDigest(send: SendContent): string {
  return createHash('sha256')
    .update(JSON.stringify([send.sender, send.messageBox, send.pairs, send.body]))
    .digest('hex');
}
