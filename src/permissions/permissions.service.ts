import { Injectable } from '@nestjs/common';
import { BoxPricesService } from './box-prices.service';
import { BOX_WIDE_SENDER } from './message-permission.entity';
import {
  GetPermissionQuery,
  ListPermissionsQuery,
  QuoteQuery,
  SetPermissionCommand,
} from './permission-requests';
import { permissionStatus } from './permission-status';
import { permissionListItem, permissionView, setPermissionDescription } from './permission-views';
import { PermissionsRepository } from './permissions.repository';
import { RecipientFeesService } from './recipient-fees.service';

/** The permission routes (docs/protocol/http-api.md#post-permissionsset and the three after it) and fees (docs/protocol/fees-and-payments.md#two-prices); the caller is always `identityKey`. */
@Injectable()
export class PermissionsService {
  constructor(
    private readonly repository: PermissionsRepository,
    private readonly recipientFees: RecipientFeesService,
    private readonly prices: BoxPricesService,
  ) {}

  async set(identityKey: string, cmd: SetPermissionCommand) {
    await this.repository.setRule(
      identityKey,
      cmd.messageBox,
      cmd.sender ?? BOX_WIDE_SENDER,
      cmd.recipientFee,
    );
    this.recipientFees.invalidate(identityKey, cmd.messageBox);
    return {
      status: 'success' as const,
      description: setPermissionDescription(cmd.messageBox, cmd.recipientFee, cmd.sender),
    };
  }

  async get(identityKey: string, q: GetPermissionQuery) {
    const row = await this.repository.findExact(
      identityKey,
      q.messageBox,
      q.sender ?? BOX_WIDE_SENDER,
    );
    if (!row) {
      const description =
        q.sender === undefined
          ? `No box-wide permission setting found for ${q.messageBox}.`
          : `No permission setting found for sender ${q.sender} to ${q.messageBox}.`;
      return { status: 'success' as const, description, permission: null };
    }
    const description =
      q.sender === undefined
        ? `Box-wide permission setting found for ${q.messageBox}.`
        : `Permission setting found for sender ${q.sender} to ${q.messageBox}.`;
    return { status: 'success' as const, description, permission: permissionView(row) };
  }

  async list(identityKey: string, q: ListPermissionsQuery) {
    const { rows, total } = await this.repository.list({ recipient: identityKey, ...q });
    return {
      status: 'success' as const,
      permissions: rows.map(permissionListItem),
      totalCount: total,
    };
  }

  async quote(identityKey: string, q: QuoteQuery) {
    const { deliveryFee, recipientFees: fees } = await this.prices.pricesFor(
      identityKey,
      q.messageBox,
      q.recipients,
    );
    if (q.single) {
      return {
        status: 'success' as const,
        description: 'Message delivery quote generated.',
        quote: { deliveryFee, recipientFee: fees.get(q.recipients[0])! },
      };
    }
    const quotesByRecipient = q.recipients.map((recipient) => {
      const recipientFee = fees.get(recipient)!;
      return {
        recipient,
        messageBox: q.messageBox,
        deliveryFee,
        recipientFee,
        status: permissionStatus(recipientFee),
      };
    });
    const blockedRecipients = quotesByRecipient
      .filter((x) => x.status === 'blocked')
      .map((x) => x.recipient);
    // Totals as the reference server computes them (delivery fee counted per recipient, docs/protocol/fees-and-payments.md#quote-totals-versus-what-a-send-charges).
    const deliveryFees = deliveryFee * q.recipients.length;
    const recipientFees = quotesByRecipient.reduce(
      (sum, x) => sum + (x.recipientFee > 0 ? x.recipientFee : 0),
      0,
    );
    return {
      status: 'success' as const,
      description: `Message delivery quotes generated for ${q.recipients.length} recipients.`,
      quotesByRecipient,
      totals: {
        deliveryFees,
        recipientFees,
        totalForPayableRecipients: deliveryFees + recipientFees,
      },
      blockedRecipients,
    };
  }
}
