/** A message was stored (committed) for one recipient. Published once per newly stored row. */
export interface MessageCreatedEvent {
  messageId: string;
  sender: string;
  recipient: string;
  messageBox: string;
  /** The stored body string, exactly as /listMessages returns it ({"message":…,"payment"?:…}). */
  body: string;
  /** ISO-8601 UTC with milliseconds. */
  createdAt: string;
}

/** A recipient acknowledged (deleted) some of its messages; published after commit. */
export interface MessagesAcknowledgedEvent {
  recipient: string;
  /** Rows actually deleted. */
  count: number;
}

/** Every internal event and its payload (the only coupling between Messages and Realtime/Push). */
export interface DomainEvents {
  'message.created': MessageCreatedEvent;
  'messages.acknowledged': MessagesAcknowledgedEvent;
}
