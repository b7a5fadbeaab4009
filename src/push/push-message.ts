import type { Message } from 'firebase-admin/messaging';

export interface PushRequest {
  token: string;
  messageId: string;
  /** The sender's identity key. */
  originator: string;
}

const TITLE = 'New Message';

/**
 * The FCM message for one device (docs/protocol/http-api.md#push-message-content): the reference structure, with the sender as
 * originator and a top-level data block for data-only handlers. Never the content: it is end-to-end
 * encrypted, and the app fetches it by messageId.
 */
export function pushMessage(p: PushRequest): Message {
  const data = { messageId: p.messageId, originator: p.originator };
  return {
    token: p.token,
    notification: { title: TITLE, body: p.messageId },
    data,
    android: { priority: 'high', data },
    apns: {
      headers: { 'apns-push-type': 'alert', 'apns-priority': '10' },
      payload: {
        aps: { 'mutable-content': 1, alert: { title: TITLE, body: p.messageId } },
        ...data,
      },
    },
  };
}
