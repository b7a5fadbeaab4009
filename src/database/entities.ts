import { DeviceRegistrationEntity } from '../devices/device-registration.entity';
import { MessageBoxEntity } from '../messages/message-box.entity';
import { MessageEntity } from '../messages/message.entity';
import { DeliveryPaymentEntity } from '../payments/delivery-payment.entity';
import { PaymentInputEntity } from '../payments/payment-input.entity';
import { PaymentOutpointEntity } from '../payments/payment-outpoint.entity';
import { MessagePermissionEntity } from '../permissions/message-permission.entity';
import { ServerFeeEntity } from '../permissions/server-fee.entity';

/** Explicit list (no globs): the same under SWC/Jest, the compiled build and the TypeORM CLI. */
export const ENTITIES = [
  MessageBoxEntity,
  MessageEntity,
  MessagePermissionEntity,
  ServerFeeEntity,
  DeviceRegistrationEntity,
  PaymentOutpointEntity,
  PaymentInputEntity,
  DeliveryPaymentEntity,
];
