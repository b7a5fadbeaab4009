import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { MessageCreatedEvent } from '../common/events/domain-events';
import { DevicesService } from '../devices/devices.service';
import { PushSender } from './push-sender';

export const PUSH_BOX = 'notifications';

/**
 * Push notifications for the `notifications` box: one FCM message per active device of the
 * recipient. Runs after the send committed and answered (never in the request path); a failing or
 * slow provider only affects pushes. Dead tokens are deactivated.
 */
@Injectable()
export class PushListener implements OnApplicationShutdown {
  private readonly logger = new Logger('Push');
  private readonly inFlight = new Set<Promise<void>>();
  /** Counts by outcome since start (for metrics). */
  readonly outcomes = { sent: 0, 'invalid-token': 0, failed: 0 };

  constructor(
    private readonly sender: PushSender,
    private readonly devices: DevicesService,
  ) {}

  @OnEvent('message.created')
  onMessageCreated(event: MessageCreatedEvent): void {
    if (event.messageBox !== PUSH_BOX) return;
    const job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.fanOut(event))
      .catch((error: unknown) =>
        this.logger.warn(`Push for ${event.messageId} failed: ${String(error)}`),
      )
      .finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  /** Resolves when every push started so far has finished (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private async fanOut(event: MessageCreatedEvent): Promise<void> {
    const devices = await this.devices.activeFor(event.recipient);
    await Promise.all(
      devices.map(async (device) => {
        const outcome = await this.sender.send({
          token: device.fcmToken,
          messageId: event.messageId,
          originator: event.sender,
        });
        this.outcomes[outcome]++;
        if (outcome === 'sent') {
          await this.devices.markUsed(device.id);
        } else if (outcome === 'invalid-token') {
          await this.devices.deactivate(device.id);
        }
      }),
    );
  }
}
