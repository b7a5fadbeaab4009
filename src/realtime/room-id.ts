export interface RoomId {
  /** Lowercase identity key. */
  identityKey: string;
  messageBox: string;
}

const KEY_LENGTH = 66;
const HEX_KEY = /^[0-9a-fA-F]{66}$/;

/**
 * Parses `<identityKey>-<messageBox>`: the first 66 characters are the key, then '-', then a
 * non-empty box. Box names may contain '-', so splitting on '-' would be wrong (docs/protocol/realtime.md#rooms).
 */
export function parseRoomId(roomId: string): RoomId | undefined {
  if (roomId.length <= KEY_LENGTH + 1 || roomId[KEY_LENGTH] !== '-') return undefined;
  const key = roomId.slice(0, KEY_LENGTH);
  if (!HEX_KEY.test(key)) return undefined;
  return { identityKey: key.toLowerCase(), messageBox: roomId.slice(KEY_LENGTH + 1) };
}

export function roomIdOf(identityKey: string, messageBox: string): string {
  return `${identityKey}-${messageBox}`;
}
