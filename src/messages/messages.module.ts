import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../common/events/events.module';
import { PaymentsModule } from '../payments/payments.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { MessageBudgets } from './message-budgets';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

/** Send, list, acknowledge. Exports MessagesService for the Socket.IO gateway. */
@Module({
  imports: [AuthModule, EventsModule, PermissionsModule, PaymentsModule],
  controllers: [MessagesController],
  providers: [MessagesRepository, MessageBudgets, MessagesService],
  exports: [MessagesService],
})
export class MessagesModule {}
