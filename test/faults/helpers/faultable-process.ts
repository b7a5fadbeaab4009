import { ChildService } from './child-service';

/**
 * The three faults every dependency process of the fault suite can be put through: killed
 * (SIGKILL), frozen (SIGSTOP, like a hung host) and thawed (SIGCONT). Subclasses start `service`.
 */
export abstract class FaultableProcess {
  protected service!: ChildService;

  kill(): Promise<number | null> {
    return this.service.stop('SIGKILL');
  }

  freeze(): void {
    this.service.signal('SIGSTOP');
  }

  thaw(): void {
    this.service.signal('SIGCONT');
  }
}
