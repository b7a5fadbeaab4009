import { Module } from '@nestjs/common';
import { chainTrackerProvider } from './chain-tracker.provider';
import { PaymentLedger } from './payment-ledger';
import { PaymentVerifier } from './payment-verifier';
import { SpvPaymentVerifier } from './spv-payment-verifier';
import { MerkleRootChecker } from './spv/merkle-root-checker';
import { FeeCollector } from './fees/fee-collector.service';
import { FEE_WALLET } from './fees/fee-wallet';

/** Delivery-fee payments: verification before a send, the ledger inside its transaction. */
@Module({
  providers: [
    chainTrackerProvider,
    MerkleRootChecker,
    // No wallet implementation ships yet: fees stay pending for the operator to sweep.
    { provide: FEE_WALLET, useValue: null },
    FeeCollector,
    { provide: PaymentVerifier, useClass: SpvPaymentVerifier },
    PaymentLedger,
  ],
  exports: [PaymentVerifier, PaymentLedger],
})
export class PaymentsModule {}
