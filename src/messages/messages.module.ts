import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../common/events/events.module';
import { PaymentsModule } from '../payments/payments.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { MessageBudgets } from './message-budgets';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { SendMessageParser } from './send-message.parser';

/**
 * Send, list, acknowledge. Exports MessagesService and SendMessageParser for the Socket.IO
 * gateway, and MessagesRepository (the owner of the messages table) for retention.
 */
@Module({
  imports: [AuthModule, EventsModule, PermissionsModule, PaymentsModule],
  controllers: [MessagesController],
  providers: [MessagesRepository, MessageBudgets, MessagesService, SendMessageParser],
  exports: [MessagesService, SendMessageParser],
})
export class MessagesModule {}
