import { Injectable } from '@nestjs/common';
import { FeesConfig } from '../config/configuration';
import { BOX_WIDE_SENDER } from './message-permission.entity';
import { PermissionsRepository } from './permissions.repository';

interface CachedRules {
  /** The recipient's rule for this sender, if any. */
  specific?: number;
  /** The recipient's box-wide rule, if any. */
  boxWide?: number;
  generation: number;
  until: number;
}

/** Another instance's permission change is seen within this time; this instance's at once. */
const CACHE_TTL_MS = 5000;
const CACHE_MAX = 100_000;

/**
 * "What does `sender` pay to reach `recipient`'s `box`?" (docs/protocol/fees-and-payments.md#recipient-fee-resolution): the recipient's rule
 * for that sender, else its box-wide rule, else the configured default for the box. Defaults are
 * computed, never written into other people's tables (docs/protocol/fees-and-payments.md#defaults-are-computed-not-written); one query serves a whole batch, and
 * rules are cached briefly because every send asks.
 */
@Injectable()
export class RecipientFeesService {
  private readonly defaults: Map<string, number>;
  private readonly cache = new Map<string, CachedRules>();
  /** Bumped when a recipient changes a box's rules, which voids every cached entry for it. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly repository: PermissionsRepository,
    fees: FeesConfig,
  ) {
    this.defaults = fees.defaultRecipientFees;
  }

  defaultFee(messageBox: string): number {
    return this.defaults.get(messageBox) ?? 0;
  }

  /** Call after a recipient's rules for a box changed. */
  invalidate(recipient: string, messageBox: string): void {
    const key = `${recipient}\n${messageBox}`;
    if (this.generations.size >= CACHE_MAX) this.generations.clear();
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  /** Fee per recipient, keyed in request order (duplicates collapse). */
  async feesFor(
    sender: string,
    messageBox: string,
    recipients: string[],
  ): Promise<Map<string, number>> {
    const unique = [...new Set(recipients)];
    const now = Date.now();
    const known = new Map<string, CachedRules>();
    const missing: string[] = [];
    for (const recipient of unique) {
      const entry = this.cache.get(this.key(recipient, messageBox, sender));
      if (
        entry &&
        entry.until > now &&
        entry.generation === this.generation(recipient, messageBox)
      ) {
        known.set(recipient, entry);
      } else missing.push(recipient);
    }
    if (missing.length > 0) {
      const fresh = new Map<string, CachedRules>(
        missing.map((r) => [
          r,
          { generation: this.generation(r, messageBox), until: now + CACHE_TTL_MS },
        ]),
      );
      for (const rule of await this.repository.rulesFor(sender, messageBox, missing)) {
        const entry = fresh.get(rule.recipient)!;
        if (rule.sender === BOX_WIDE_SENDER) entry.boxWide = rule.recipientFee;
        else entry.specific = rule.recipientFee;
      }
      for (const [recipient, entry] of fresh) {
        known.set(recipient, entry);
        if (this.cache.size >= CACHE_MAX)
          this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(this.key(recipient, messageBox, sender), entry);
      }
    }
    const fallback = this.defaultFee(messageBox);
    return new Map(
      unique.map((r) => {
        const rules = known.get(r)!;
        return [r, rules.specific ?? rules.boxWide ?? fallback];
      }),
    );
  }

  private key(recipient: string, messageBox: string, sender: string): string {
    return `${recipient}\n${messageBox}\n${sender}`;
  }

  private generation(recipient: string, messageBox: string): number {
    return this.generations.get(`${recipient}\n${messageBox}`) ?? 0;
  }
}
