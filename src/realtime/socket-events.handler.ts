import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { toErrorReply } from '../common/errors/error-body';
import { RealtimeConfig } from '../config/configuration';
import { MessagesService } from '../messages/messages.service';
import { SendMessageParser } from '../messages/send-message.parser';
import { isRecord, SocketEvent } from './authsocket-codec';
import { ProtocolViolation } from './protocol-violation';
import { REALTIME_LIMITS } from './realtime.constants';
import { parseRoomId, RoomId } from './room-id';
import { SocketSession } from './socket-session';
import { SocketSigner } from './socket-signer';
import { describeErrorWithStack } from '../common/errors/describe-error';

type Ack = { status: 'success'; messageId: string } | Record<string, unknown>;

/**
 * MessageBox application events, received only inside verified general messages and acted on
 * with the socket's verified identity (docs/protocol/realtime.md#client-events, docs/protocol/realtime.md#rules). Replies follow what
 * client 2.1.1 listens for (docs/protocol/realtime.md#server-events).
 */
@Injectable()
export class SocketEventsHandler {
  private readonly logger = new Logger('Realtime');
  private readonly maxRooms: number;

  constructor(
    private readonly signer: SocketSigner,
    private readonly messages: MessagesService,
    private readonly sendParser: SendMessageParser,
    realtime: RealtimeConfig,
  ) {
    this.maxRooms = realtime.maxRooms;
  }

  /**
   * An event over the socket's request budget: a send gets the 429 as its ack (the official
   * client then tries HTTP, which is limited the same way); anything else closes the socket.
   */
  async refuse(socket: SocketSession, event: SocketEvent, error: AppError): Promise<void> {
    const roomId = isRecord(event.data) ? event.data.roomId : undefined;
    if (event.eventName !== 'sendMessage' || typeof roomId !== 'string') {
      throw new ProtocolViolation('over the request budget');
    }
    if (roomId.length > REALTIME_LIMITS.maxRoomIdLength) throw new ProtocolViolation('bad roomId');
    await this.signer.emit(socket, `sendMessageAck-${roomId}`, toErrorReply(error).body);
  }

  async handle(socket: SocketSession, identityKey: string, event: SocketEvent): Promise<void> {
    switch (event.eventName) {
      case 'authenticated':
        return this.onAuthenticated(socket, identityKey, event.data);
      case 'joinRoom':
        return this.onJoinRoom(socket, identityKey, event.data);
      case 'leaveRoom':
        return this.onLeaveRoom(socket, identityKey, event.data);
      case 'sendMessage':
        return this.onSendMessage(socket, identityKey, event.data);
      default:
        // Unknown events are ignored: newer clients may send events this server does not know.
        return;
    }
  }

  /** The claimed key authorises nothing; it is only compared with the verified one (docs/protocol/realtime.md#authenticated-compares-never-authorises). */
  private async onAuthenticated(socket: SocketSession, key: string, data: unknown): Promise<void> {
    const claimed = isRecord(data) ? data.identityKey : undefined;
    if (typeof claimed === 'string' && claimed.toLowerCase() === key) {
      await this.signer.emit(socket, 'authenticationSuccess', { status: 'success' });
    } else {
      await this.signer.emit(socket, 'authenticationFailed', {
        reason: 'The claimed identity key is not the key this connection authenticated with.',
      });
    }
  }

  private async onJoinRoom(socket: SocketSession, key: string, data: unknown): Promise<void> {
    const room = ownRoom(key, data);
    if (!room) {
      await this.signer.emit(socket, 'joinFailed', { reason: ROOM_REASON });
      return;
    }
    const rooms = socket.socket.rooms;
    // Socket.IO puts every socket in a room of its own id: that one is not counted.
    if (!rooms.has(data as string) && rooms.size - 1 >= this.maxRooms) {
      await this.signer.emit(socket, 'joinFailed', {
        reason: `At most ${this.maxRooms} rooms per connection.`,
      });
      return;
    }
    socket.leftBoxes.delete(room.messageBox);
    await socket.socket.join(data as string);
    await this.signer.emit(socket, 'joinedRoom', { roomId: data });
  }

  private async onLeaveRoom(socket: SocketSession, key: string, data: unknown): Promise<void> {
    const room = ownRoom(key, data);
    if (!room || socket.leftBoxes.size >= REALTIME_LIMITS.maxLeftBoxes) {
      await this.signer.emit(socket, 'leaveFailed', { reason: ROOM_REASON });
      return;
    }
    socket.leftBoxes.add(room.messageBox);
    await socket.socket.leave(data as string);
    await this.signer.emit(socket, 'leftRoom', { roomId: data });
  }

  /**
   * Parsed here as HTTP /sendMessage is in its controller (same checks, order and codes), then
   * through the same service (block list, fees, dedupe, durable insert); any refusal becomes a
   * non-success ack so the client falls back to HTTP at once.
   */
  private async onSendMessage(socket: SocketSession, sender: string, data: unknown): Promise<void> {
    const roomId = isRecord(data) ? data.roomId : undefined;
    if (typeof roomId !== 'string' || roomId.length > REALTIME_LIMITS.maxRoomIdLength) {
      // Without a room id there is no ack event the client could be waiting for.
      await this.signer.emit(socket, 'messageFailed', { reason: 'roomId must be a string.' });
      return;
    }
    const ack = await this.send(sender, roomId, (data as Record<string, unknown>).message);
    await this.signer.emit(socket, `sendMessageAck-${roomId}`, ack);
  }

  private async send(sender: string, roomId: string, message: unknown): Promise<Ack> {
    try {
      const room = parseRoomId(roomId);
      if (!isRecord(message)) {
        throw new AppError('ERR_MESSAGE_REQUIRED', 'Please provide a valid message to send!');
      }
      const { recipient, messageId } = message;
      if (!room || typeof recipient !== 'string' || recipient.toLowerCase() !== room.identityKey) {
        throw new AppError(
          'ERR_INVALID_ROOM',
          'roomId must be "<recipient>-<messageBox>" with the recipient of the message.',
        );
      }
      const result = await this.messages.send(
        sender,
        this.sendParser.fromSocket(message, room.messageBox),
      );
      return { status: 'success', messageId: result.results[0]?.messageId ?? String(messageId) };
    } catch (error) {
      const reply = toErrorReply(error);
      if (reply.unexpected) {
        this.logger.error(`Live sendMessage failed: ${describeErrorWithStack(error)}`);
      }
      return reply.body;
    }
  }
}

const ROOM_REASON = 'Rooms are "<your identity key>-<messageBox>" with a non-empty messageBox.';

/** The room, if `data` names one of the caller's own rooms (docs/protocol/realtime.md#own-rooms-only); never another identity's. */
function ownRoom(identityKey: string, data: unknown): RoomId | undefined {
  if (typeof data !== 'string' || data.length > REALTIME_LIMITS.maxRoomIdLength) return undefined;
  const room = parseRoomId(data);
  return room && room.identityKey === identityKey ? room : undefined;
}
