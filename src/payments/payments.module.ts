import { Module } from '@nestjs/common';
import { PaymentVerifier } from './payment-verifier';
import { UnavailablePaymentVerifier } from './unavailable-payment-verifier';

@Module({
  providers: [{ provide: PaymentVerifier, useClass: UnavailablePaymentVerifier }],
  exports: [PaymentVerifier],
})
export class PaymentsModule {}
