import { readFileSync } from 'node:fs';
import { EnvironmentVariables } from './environment-variables';

/** The fields of a Google service account that firebase-admin's cert() needs. */
export interface ServiceAccount {
  project_id?: string;
  client_email: string;
  private_key: string;
}

export interface FirebaseSettings {
  projectId: string;
  serviceAccount: ServiceAccount;
}

function parseAccount(text: string, source: string): ServiceAccount {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not valid JSON`);
  }
  const a = parsed as Partial<ServiceAccount>;
  if (
    typeof a?.client_email !== 'string' ||
    typeof a.private_key !== 'string' ||
    !a.private_key.includes('PRIVATE KEY')
  ) {
    throw new Error(`${source} must be a service account with client_email and private_key`);
  }
  return a as ServiceAccount;
}

/**
 * ENABLE_FIREBASE=false: push is off and the Firebase variables are not even read. Unset: push is
 * on when a project id and a service account (inline JSON or a file) are configured. true: they
 * are required (a configuration error without them). The secret is never logged.
 */
export type FirebaseVariables = Pick<
  EnvironmentVariables,
  | 'FIREBASE_PROJECT_ID'
  | 'FIREBASE_SERVICE_ACCOUNT_JSON'
  | 'FIREBASE_SERVICE_ACCOUNT_PATH'
  | 'ENABLE_FIREBASE'
>;

export function firebaseSettings(env: FirebaseVariables): FirebaseSettings | undefined {
  const inline = env.FIREBASE_SERVICE_ACCOUNT_JSON;
  const path = env.FIREBASE_SERVICE_ACCOUNT_PATH;
  if (env.ENABLE_FIREBASE === false) return undefined;
  if (!env.FIREBASE_PROJECT_ID && !inline && !path && !env.ENABLE_FIREBASE) return undefined;
  if (!env.FIREBASE_PROJECT_ID)
    throw new Error('FIREBASE_PROJECT_ID is required for push notifications');
  let account: ServiceAccount;
  if (inline) account = parseAccount(inline, 'FIREBASE_SERVICE_ACCOUNT_JSON');
  else if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`FIREBASE_SERVICE_ACCOUNT_PATH cannot be read: ${path}`);
    }
    account = parseAccount(text, 'FIREBASE_SERVICE_ACCOUNT_PATH');
  } else {
    throw new Error(
      'FIREBASE_SERVICE_ACCOUNT_JSON or FIREBASE_SERVICE_ACCOUNT_PATH is required for push notifications',
    );
  }
  return { projectId: env.FIREBASE_PROJECT_ID, serviceAccount: account };
}
