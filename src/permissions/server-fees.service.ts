import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FeesConfig } from '../config/configuration';
import { ServerFeesRepository } from './server-fees.repository';

/** Built-in server delivery fees (docs/protocol/fees-and-payments.md#built-in-fees): only notifications cost something. */
const BUILT_IN_DELIVERY_FEES = new Map([['notifications', 10]]);
const CACHE_TTL_MS = 5000;

/**
 * The server's delivery fee per box. Operators set fees with MESSAGEBOX_FEES (applied at start),
 * the admin command or SQL; a short cache keeps the table off the hot path while changes still
 * take effect within seconds, without a restart.
 */
@Injectable()
export class ServerFeesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ServerFees');
  private cache?: { fees: Map<string, number>; until: number };

  constructor(
    private readonly repository: ServerFeesRepository,
    private readonly fees: FeesConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const [box, fee] of BUILT_IN_DELIVERY_FEES) await this.repository.put(box, fee, false);
    const configured = this.fees.serverFees;
    for (const [box, fee] of configured) await this.repository.put(box, fee, true);
    if (configured.size > 0)
      this.logger.log(
        `Configured delivery fees: ${[...configured].map(([b, f]) => `${b}=${f}`).join(', ')}`,
      );
  }

  async deliveryFee(messageBox: string): Promise<number> {
    const now = Date.now();
    if (!this.cache || this.cache.until < now) {
      this.cache = { fees: await this.repository.all(), until: now + CACHE_TTL_MS };
    }
    return this.cache.fees.get(messageBox) ?? 0;
  }

  async setDeliveryFee(messageBox: string, fee: number): Promise<void> {
    await this.repository.put(messageBox, fee, true);
    this.cache = undefined;
  }
}
