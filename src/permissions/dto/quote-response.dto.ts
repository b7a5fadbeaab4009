import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QuoteTotalsDto } from './quote-totals.dto';
import { RecipientQuoteDto } from './recipient-quote.dto';
import { SingleQuoteDto } from './single-quote.dto';

/** One recipient: `quote`; several: `quotesByRecipient`, `totals`, `blockedRecipients`. */
export class QuoteResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty()
  description!: string;

  @ApiPropertyOptional({ type: SingleQuoteDto, description: 'Exactly one recipient was given' })
  quote?: SingleQuoteDto;

  @ApiPropertyOptional({ type: [RecipientQuoteDto], description: 'Several recipients' })
  quotesByRecipient?: RecipientQuoteDto[];

  @ApiPropertyOptional({ type: QuoteTotalsDto })
  totals?: QuoteTotalsDto;

  @ApiPropertyOptional({ type: [String] })
  blockedRecipients?: string[];
}
