import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { parseBoxFeeList } from '../common/validation/box-fee-list';
import { EnvironmentVariables } from '../config/environment-variables';
import { BOX_WIDE_SENDER } from './message-permission.entity';
import { PermissionsRepository } from './permissions.repository';

/**
 * "What does `sender` pay to reach `recipient`'s `box`?" (HTTP-API.md §5.2): the recipient's rule
 * for that sender, else its box-wide rule, else the configured default for the box. Defaults are
 * computed, never written into other people's tables (W8), and one query serves a whole batch.
 */
@Injectable()
export class RecipientFeesService {
  private readonly defaults: Map<string, number>;

  constructor(
    private readonly repository: PermissionsRepository,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.defaults = parseBoxFeeList(config.get('DEFAULT_RECIPIENT_FEES', { infer: true }));
  }

  defaultFee(messageBox: string): number {
    return this.defaults.get(messageBox) ?? 0;
  }

  /** Fee per recipient, in the order given (duplicates allowed). */
  async feesFor(
    sender: string,
    messageBox: string,
    recipients: string[],
  ): Promise<Map<string, number>> {
    const unique = [...new Set(recipients)];
    const rules = await this.repository.rulesFor(sender, messageBox, unique);
    const specific = new Map<string, number>();
    const boxWide = new Map<string, number>();
    for (const rule of rules) {
      (rule.sender === BOX_WIDE_SENDER ? boxWide : specific).set(rule.recipient, rule.recipientFee);
    }
    const fallback = this.defaultFee(messageBox);
    return new Map(unique.map((r) => [r, specific.get(r) ?? boxWide.get(r) ?? fallback]));
  }
}
