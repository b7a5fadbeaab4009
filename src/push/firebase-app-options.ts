/**
 * Injection token for the firebase-admin app options (credential, project, HTTP agent).
 * Production builds them from the configuration; tests point the real firebase-admin client at a
 * local fake FCM server through these options.
 */
export const FIREBASE_APP_OPTIONS = Symbol('FIREBASE_APP_OPTIONS');
