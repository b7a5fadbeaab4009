import { Module } from '@nestjs/common';
import { chainTrackerProvider } from './chain-tracker.provider';
import { PaymentLedger } from './payment-ledger';
import { PaymentVerifier } from './payment-verifier';
import { SpvPaymentVerifier } from './spv-payment-verifier';
import { MerkleRootChecker } from './spv/merkle-root-checker';

/** Delivery-fee payments: verification before a send, the ledger inside its transaction. */
@Module({
  providers: [
    chainTrackerProvider,
    MerkleRootChecker,
    { provide: PaymentVerifier, useClass: SpvPaymentVerifier },
    PaymentLedger,
  ],
  exports: [PaymentVerifier, PaymentLedger],
})
export class PaymentsModule {}
