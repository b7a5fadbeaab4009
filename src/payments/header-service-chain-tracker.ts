import { ChainTracker } from '@bsv/sdk';

/** Largest header response read; a header service answers a few hundred bytes. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * A ChainTracker over HTTP: GET `urlTemplate` with `{height}` replaced, expecting the block header
 * as JSON. Understands WhatsOnChain's `/block/{height}/header` answer (`merkleroot`) and
 * Chaintracks' `/findHeaderHexForHeight?height={height}` answer (`value.merkleRoot`). Every request
 * is aborted after `timeoutMs`.
 */
export class HeaderServiceChainTracker implements ChainTracker {
  constructor(
    private readonly urlTemplate: string,
    private readonly timeoutMs: number,
  ) {}

  async isValidRootForHeight(root: string, height: number): Promise<boolean> {
    const header = await this.get(this.urlTemplate.replace('{height}', String(height)));
    return merkleRootOf(header) === root;
  }

  currentHeight(): Promise<number> {
    return Promise.reject(new Error('currentHeight is not used by the payment verifier'));
  }

  private async get(url: string): Promise<unknown> {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`header service answered ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_RESPONSE_BYTES) throw new Error('header service answer too large');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error('header service answered something other than JSON');
    }
  }
}

function merkleRootOf(header: unknown): string | undefined {
  if (typeof header !== 'object' || header === null) return undefined;
  const h = header as Record<string, unknown>;
  if (typeof h.merkleroot === 'string') return h.merkleroot;
  if (typeof h.merkleRoot === 'string') return h.merkleRoot;
  if (typeof h.value === 'object' && h.value !== null) return merkleRootOf(h.value);
  return undefined;
}

/** The WhatsOnChain header URL for a network, the default when CHAIN_TRACKER_URL is unset. */
export const whatsOnChainHeaderUrl = (network: 'mainnet' | 'testnet') =>
  `https://api.whatsonchain.com/v1/bsv/${network === 'testnet' ? 'test' : 'main'}/block/{height}/header`;
