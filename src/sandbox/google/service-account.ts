// The sandbox tenant's Google Cloud service account: its key file (the JSON a Cloud console hands out, private key
// included, given out by /_sandbox/info) and the access tokens its JWT-bearer grant (oauth.ts) issues. Domain-wide
// delegation is granted to it for the Calendar scope only, as an admin would under Security › API controls.
import { randomBytes } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from 'jose';

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
/** The scopes the sandbox's Workspace admin granted the service account (domain-wide delegation). */
export const DELEGATED_SCOPES: readonly string[] = [CALENDAR_SCOPE];
/** Google's token endpoint: google-auth-library signs every assertion for this audience (its URL is fixed there). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const ACCESS_TOKEN_SECONDS = 3600;

export const SERVICE_ACCOUNT = {
  projectId: 'crm-sync-sandbox',
  clientEmail: 'crm-sync@crm-sync-sandbox.iam.gserviceaccount.com',
  clientId: '104200000000000000042',
} as const;

export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export interface AccessGrant {
  /** The impersonated user (`sub`), or the service account itself when the assertion had no `sub`. */
  email: string;
  scopes: string[];
  expiresAt: number;
}

/** The key pair (PEM, so the state file can keep it) and the access tokens handed out for it. */
export class ServiceAccount {
  private readonly grants = new Map<string, AccessGrant>();

  private constructor(
    readonly keyId: string,
    readonly privateKeyPem: string,
    readonly publicKeyPem: string,
    readonly publicKey: CryptoKey,
  ) {}

  static async create(): Promise<ServiceAccount> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    return new ServiceAccount(randomBytes(20).toString('hex'), await exportPKCS8(privateKey), await exportSPKI(publicKey), publicKey);
  }

  /** A key kept in the state file, so that the key the service was configured with keeps working after a restart. */
  static async restore(keyId: string, privateKeyPem: string, publicKeyPem: string): Promise<ServiceAccount> {
    await importPKCS8(privateKeyPem, 'RS256');
    return new ServiceAccount(keyId, privateKeyPem, publicKeyPem, await importSPKI(publicKeyPem, 'RS256'));
  }

  /** The key file as the Cloud console downloads it; its token_uri names the sandbox's token endpoint. */
  keyFile(tokenUri: string): ServiceAccountKey {
    return {
      type: 'service_account',
      project_id: SERVICE_ACCOUNT.projectId,
      private_key_id: this.keyId,
      private_key: this.privateKeyPem,
      client_email: SERVICE_ACCOUNT.clientEmail,
      client_id: SERVICE_ACCOUNT.clientId,
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: tokenUri,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(SERVICE_ACCOUNT.clientEmail)}`,
      universe_domain: 'googleapis.com',
    };
  }

  issue(email: string, scopes: string[], now = Date.now()): { token: string; grant: AccessGrant } {
    // Google's access tokens are opaque strings starting `ya29.`.
    const token = `ya29.sandbox-${randomBytes(24).toString('base64url')}`;
    const grant = { email, scopes, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000 };
    this.grants.set(token, grant);
    return { token, grant };
  }

  /** The grant behind a bearer token, unless unknown or expired. */
  grantOf(token: string, now = Date.now()): AccessGrant | undefined {
    const grant = this.grants.get(token);
    if (grant && grant.expiresAt <= now) this.grants.delete(token);
    return grant && grant.expiresAt > now ? grant : undefined;
  }

  /** Every access token stops working (reset; the control plane's token expiry). */
  revokeAll(): void {
    this.grants.clear();
  }
}
