import { MessagePermissionEntity } from './message-permission.entity';
import { permissionStatus } from './permission-status';

const senderOf = (row: MessagePermissionEntity): string | null =>
  row.sender === '' ? null : row.sender;

/** /permissions/get item (camelCase, as every server sends it). */
export function permissionView(row: MessagePermissionEntity) {
  return {
    sender: senderOf(row),
    messageBox: row.messageBox,
    recipientFee: row.recipientFee,
    status: permissionStatus(row.recipientFee),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * /permissions/list item in both spellings: the official client reads snake_case, other clients
 * camelCase (docs/protocol/http-api.md#both-key-spellings).
 */
export function permissionListItem(row: MessagePermissionEntity) {
  const view = permissionView(row);
  return {
    ...view,
    message_box: view.messageBox,
    recipient_fee: view.recipientFee,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}

export function setPermissionDescription(box: string, fee: number, sender?: string): string {
  if (sender === undefined) {
    if (fee === -1) return `Box-wide default for all senders to ${box} is now blocked.`;
    if (fee === 0) return `Box-wide default for all senders to ${box} is now always allowed.`;
    return `Box-wide default for all senders to ${box} now requires ${fee} satoshis.`;
  }
  if (fee === -1) return `Messages from ${sender} to ${box} are now blocked.`;
  if (fee === 0) return `Messages from ${sender} to ${box} are now always allowed.`;
  return `Messages from ${sender} to ${box} now require ${fee} satoshis.`;
}
