import { Injectable } from '@nestjs/common';
import { stricterRecipientFee } from './permission-status';
import { RecipientFeesService } from './recipient-fees.service';
import { ServerFeesService } from './server-fees.service';

/** What one send into a box costs: the server's delivery fee and each recipient's fee. */
export interface BoxPrices {
  deliveryFee: number;
  /** Fee per recipient (-1 blocked), keyed in request order; duplicates collapse. */
  recipientFees: Map<string, number>;
}

/**
 * The one price function of quotes, HTTP sends and socket sends
 * (docs/protocol/fees-and-payments.md#case-variants-pay-at-least-the-lower-case-price). Box names
 * are stored exactly, but a box is priced as the stricter of its own rules and those of its
 * lower-case form, so `Notifications` can never be a free way into what `notifications` charges.
 * Both lookups go through the exact-name caches; an all-lower-case name costs one lookup.
 */
@Injectable()
export class BoxPricesService {
  constructor(
    private readonly serverFees: ServerFeesService,
    private readonly recipientFees: RecipientFeesService,
  ) {}

  async pricesFor(sender: string, messageBox: string, recipients: string[]): Promise<BoxPrices> {
    const lower = messageBox.toLowerCase();
    const boxes = lower === messageBox ? [messageBox] : [messageBox, lower];
    const priced = await Promise.all(
      boxes.map((box) =>
        Promise.all([
          this.serverFees.deliveryFee(box),
          this.recipientFees.feesFor(sender, box, recipients),
        ]),
      ),
    );
    const [[deliveryFee, recipientFees], variant] = priced;
    if (!variant) return { deliveryFee, recipientFees };
    const [lowerDeliveryFee, lowerRecipientFees] = variant;
    return {
      deliveryFee: Math.max(deliveryFee, lowerDeliveryFee),
      recipientFees: new Map(
        [...recipientFees].map(([recipient, fee]) => [
          recipient,
          stricterRecipientFee(fee, lowerRecipientFees.get(recipient)!),
        ]),
      ),
    };
  }
}
