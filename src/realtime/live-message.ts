/** The `sendMessage-<recipient>-<box>` event data client 2.1.1 handles (docs/protocol/realtime.md#server-events, docs/protocol/realtime.md#the-live-body-is-the-senders-body). */
export interface LiveMessage {
  sender: string;
  messageId: string;
  /** The sender's message.body exactly as received (string or JSON object), never the wrapper. */
  body: unknown;
  created_at: string;
  updated_at: string;
}

/** One delivery: unsigned, so it can travel between instances and be signed at the edge. */
export interface LiveDelivery {
  recipient: string;
  messageBox: string;
  message: LiveMessage;
}
