import { AppError } from '../common/errors/app-error';
import { isAbsent, isObject, JsonObject } from '../common/validation/json-shapes';

export const PLATFORMS = ['ios', 'android', 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface RegisterDeviceCommand {
  fcmToken: string;
  deviceId: string | null;
  platform: Platform | null;
}

const MAX_TOKEN = 500;
const MAX_DEVICE_ID = 255;

/** What parseRegisterDevice can refuse with (all 400); POST /registerDevice documents this list. */
export const REGISTER_DEVICE_REQUEST_ERRORS = [
  'ERR_INVALID_FCM_TOKEN',
  'ERR_INVALID_PLATFORM',
  'ERR_INVALID_DEVICE_ID',
] as const;

/** POST /registerDevice (docs/protocol/http-api.md#post-registerdevice). */
export function parseRegisterDevice(body: unknown): RegisterDeviceCommand {
  const b: JsonObject = isObject(body) ? body : {};
  const token = typeof b.fcmToken === 'string' ? b.fcmToken.trim() : '';
  if (token.length === 0 || token.length > MAX_TOKEN) {
    throw new AppError(
      'ERR_INVALID_FCM_TOKEN',
      `fcmToken is required and must be a non-empty string (at most ${MAX_TOKEN} characters).`,
    );
  }
  if (!isAbsent(b.platform) && !PLATFORMS.includes(b.platform as Platform)) {
    throw new AppError('ERR_INVALID_PLATFORM', 'platform must be one of: ios, android, web');
  }
  if (
    !isAbsent(b.deviceId) &&
    (typeof b.deviceId !== 'string' || b.deviceId.trim().length > MAX_DEVICE_ID)
  ) {
    throw new AppError(
      'ERR_INVALID_DEVICE_ID',
      `deviceId must be a string of at most ${MAX_DEVICE_ID} characters.`,
    );
  }
  const deviceId =
    typeof b.deviceId === 'string' && b.deviceId.trim().length > 0 ? b.deviceId.trim() : null;
  return { fcmToken: token, deviceId, platform: (b.platform as Platform | undefined) ?? null };
}
