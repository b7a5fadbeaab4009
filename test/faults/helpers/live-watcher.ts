import { MessageBoxClient, PeerMessage } from '@bsv/message-box-client';

/** Live messages of one listener, awaited by message id (deliveries may come in any order). */
export class LiveWatcher {
  readonly received: PeerMessage[] = [];
  private readonly waiters = new Map<string, () => void>();

  async listen(client: MessageBoxClient, messageBox: string): Promise<void> {
    await client.listenForLiveMessages({
      messageBox,
      onMessage: (message: PeerMessage) => {
        this.received.push(message);
        this.waiters.get(message.messageId)?.();
      },
    });
  }

  /** Resolves when the message arrives (or has arrived); rejects after `ms`. */
  waitFor(messageId: string, ms: number): Promise<void> {
    if (this.received.some((m) => m.messageId === messageId)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(messageId);
        reject(new Error(`live message ${messageId} not received within ${ms} ms`));
      }, ms);
      this.waiters.set(messageId, () => {
        clearTimeout(timer);
        this.waiters.delete(messageId);
        resolve();
      });
    });
  }
}
