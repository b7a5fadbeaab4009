import { AppError } from '../common/errors/app-error';
import { PaymentVerifier, VerifiedPayment } from './payment-verifier';

/** Refuses every payment: this server cannot verify delivery payments yet. */
export class UnavailablePaymentVerifier extends PaymentVerifier {
  verify(): Promise<VerifiedPayment> {
    return Promise.reject(
      new AppError(
        'ERR_INSUFFICIENT_PAYMENT',
        'Payment was not accepted by the server: delivery payments cannot be verified on this server.',
        400,
      ),
    );
  }
}
