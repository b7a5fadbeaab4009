import { Injectable } from '@nestjs/common';

/** Whether this instance is draining: readiness then answers 503 ERR_SHUTTING_DOWN. */
@Injectable()
export class ShutdownState {
  draining = false;
}
