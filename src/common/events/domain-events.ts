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

/** Every internal event and its payload (the only coupling between Messages and Realtime/Push). */
export interface DomainEvents {
  'message.created': MessageCreatedEvent;
}
