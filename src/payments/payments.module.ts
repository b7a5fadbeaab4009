import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { chainTrackerProvider } from './chain-tracker.provider';
import { PaymentLedger } from './payment-ledger';
import { PaymentVerifier } from './payment-verifier';
import { SpvPaymentVerifier } from './spv-payment-verifier';
import { MerkleRootChecker } from './spv/merkle-root-checker';
import { FeeCollector } from './fees/fee-collector.service';
import { feeWalletProvider, feeWalletServicesProvider } from './fees/fee-wallet.provider';

/** Delivery-fee payments: verification before a send, the ledger inside its transaction. */
@Module({
  imports: [AuthModule],
  providers: [
    chainTrackerProvider,
    MerkleRootChecker,
    feeWalletServicesProvider,
    feeWalletProvider,
    FeeCollector,
    { provide: PaymentVerifier, useClass: SpvPaymentVerifier },
    PaymentLedger,
  ],
  exports: [PaymentVerifier, PaymentLedger],
})
export class PaymentsModule {}
