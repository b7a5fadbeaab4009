import { PushRequest } from './push-message';

/** What became of one push: sent, the token is dead (deactivate it), or another failure. */
export type PushOutcome = 'sent' | 'invalid-token' | 'failed';

/** The one interface around the push provider (FCM); only FirebasePushSender implements it. */
export abstract class PushSender {
  abstract send(request: PushRequest): Promise<PushOutcome>;
}
