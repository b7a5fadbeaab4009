import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { App, AppOptions, deleteApp, initializeApp } from 'firebase-admin/app';
import { getMessaging, Messaging } from 'firebase-admin/messaging';
import { randomUUID } from 'node:crypto';
import { FIREBASE_APP_OPTIONS } from './firebase-app-options';
import { pushMessage, PushRequest } from './push-message';
import { PushOutcome, PushSender } from './push-sender';

/** Error codes meaning the token will never work again (docs/protocol/http-api.md#dead-tokens). */
const DEAD_TOKEN_CODES = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
]);

/** Sends through firebase-admin's messaging client (HTTP v1), one message per device. */
@Injectable()
export class FirebasePushSender extends PushSender implements OnModuleDestroy {
  private readonly app: App;
  private readonly messaging: Messaging;

  constructor(@Inject(FIREBASE_APP_OPTIONS) options: AppOptions) {
    super();
    // A named app per instance: tests run several servers in one process.
    this.app = initializeApp(options, `messagebox-${randomUUID()}`);
    this.messaging = getMessaging(this.app);
  }

  async send(request: PushRequest): Promise<PushOutcome> {
    try {
      await this.messaging.send(pushMessage(request));
      return 'sent';
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      return DEAD_TOKEN_CODES.has(code) ? 'invalid-token' : 'failed';
    }
  }

  async onModuleDestroy(): Promise<void> {
    await deleteApp(this.app).catch(() => undefined);
  }
}
