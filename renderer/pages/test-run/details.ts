import type { Report } from '../../../main/contract/index';

/**
 * Typed readers for `report.details` (a record of unknowns in the contract): what the engine puts there for the
 * viewer's tabs — decoded tokens, userinfo, the token response (tokens redacted), SAML XML, conditions and the
 * certificate used. Anything missing or of another shape reads as undefined, so a tab simply does not show.
 */
export type SignatureState = 'valid' | 'invalid' | 'not_checked' | 'not_verified';
export type JsonRecord = Record<string, unknown>;

export interface DecodedToken {
  header: JsonRecord;
  payload: JsonRecord | null;
  signature: SignatureState | undefined;
  /** Access tokens: their audience, shown because the API audience is not part of the connection. */
  aud?: unknown;
}

export type AccessTokenDetails = ({ format: 'jwt' } & DecodedToken) | { format: 'opaque'; length: number | undefined };

export interface SamlConditions {
  notBefore?: string | undefined;
  notOnOrAfter?: string | undefined;
  audience: string[];
  now: string | undefined;
  skewSeconds: number | undefined;
}

export interface CertificateUsed {
  subject: string;
  fingerprintSha256: string;
  notAfter: string;
}

/** What a failed run's mapping would have produced, kept for diagnosis and marked not accepted. */
export interface Candidate {
  user: Report['user'];
  groups: string[];
  note: string;
}

/** One back-channel answer (token, userinfo endpoint) as received: status, explaining headers, body with tokens redacted. */
export interface BackChannelAnswer {
  endpoint: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface ViewDetails {
  backChannel: BackChannelAnswer[];
  idToken?: DecodedToken;
  accessToken?: AccessTokenDetails;
  userinfo?: JsonRecord;
  providerResponse?: JsonRecord;
  callback?: JsonRecord;
  authorizationRequest?: JsonRecord;
  redirectUri?: string;
  unverified: boolean;
  clockToleranceSeconds?: number;
  candidate?: Candidate;
  saml: {
    responseXml?: string;
    conditions?: SamlConditions;
    certificateUsed?: CertificateUsed;
    status?: { code?: string | undefined; subCode?: string | undefined; message?: string | undefined };
    issuer?: string;
    destination?: string;
    recipient?: string;
    inResponseTo?: string;
    nodeSamlError?: string;
  };
}

export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const signatureStates: readonly string[] = ['valid', 'invalid', 'not_checked', 'not_verified'];

function decodedToken(value: unknown): DecodedToken | undefined {
  if (!isRecord(value) || !isRecord(value.header)) return undefined;
  const signature = typeof value.signature === 'string' && signatureStates.includes(value.signature) ? (value.signature as SignatureState) : undefined;
  return { header: value.header, payload: isRecord(value.payload) ? value.payload : null, signature, ...('aud' in value ? { aud: value.aud } : {}) };
}

function accessToken(value: unknown): AccessTokenDetails | undefined {
  if (!isRecord(value)) return undefined;
  if (value.format === 'opaque') return { format: 'opaque', length: num(value.length) };
  const decoded = decodedToken(value);
  return decoded ? { format: 'jwt', ...decoded } : undefined;
}

function conditions(value: unknown): SamlConditions | undefined {
  if (!isRecord(value)) return undefined;
  const audience = Array.isArray(value.audience) ? value.audience.filter((a): a is string => typeof a === 'string') : [];
  return { notBefore: str(value.notBefore), notOnOrAfter: str(value.notOnOrAfter), audience, now: str(value.now), skewSeconds: num(value.skewSeconds) };
}

function certificate(value: unknown): CertificateUsed | undefined {
  if (!isRecord(value)) return undefined;
  const subject = str(value.subject);
  const fingerprintSha256 = str(value.fingerprintSha256);
  return subject && fingerprintSha256 ? { subject, fingerprintSha256, notAfter: str(value.notAfter) ?? '' } : undefined;
}

function candidate(value: unknown): Candidate | undefined {
  if (!isRecord(value) || !isRecord(value.user)) return undefined;
  const u = value.user;
  const field = (name: string) => (typeof u[name] === 'string' ? (u[name] as string) : null);
  const groups = Array.isArray(value.groups) ? value.groups.filter((g): g is string => typeof g === 'string') : [];
  return {
    user: { userId: field('userId'), email: field('email'), name: field('name'), givenName: field('givenName'), familyName: field('familyName'), picture: field('picture') },
    groups,
    note: str(value.note) ?? 'Not accepted: a check failed. Shown for diagnosis only.',
  };
}

function backChannel(value: unknown): BackChannelAnswer[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((entry) => {
    const status = num(entry.status);
    if (status === undefined) return [];
    const headers = isRecord(entry.headers) ? Object.fromEntries(Object.entries(entry.headers).filter((h): h is [string, string] => typeof h[1] === 'string')) : {};
    return [{ endpoint: str(entry.endpoint) ?? 'endpoint', url: str(entry.url) ?? '', status, headers, body: entry.body }];
  });
}

/** Reads a report's `details` into the shapes the tabs show. */
export function readDetails(report: Report): ViewDetails {
  const d = report.details;
  const record = (value: unknown) => (isRecord(value) ? value : undefined);
  return {
    backChannel: backChannel(d.backChannel),
    idToken: decodedToken(d.idToken),
    accessToken: accessToken(d.accessToken),
    userinfo: record(d.userinfo),
    providerResponse: record(d.providerResponse),
    callback: record(d.callback),
    authorizationRequest: record(d.authorizationRequest),
    redirectUri: str(d.redirectUri),
    clockToleranceSeconds: num(d.clockToleranceSeconds),
    candidate: candidate(d.candidate),
    unverified: d.unverified === true,
    saml: {
      responseXml: str(d.responseXml),
      conditions: conditions(d.conditions),
      certificateUsed: certificate(d.certificateUsed),
      status: str(d.statusCode) ? { code: str(d.statusCode), subCode: str(d.subStatusCode), message: str(d.statusMessage) } : undefined,
      issuer: str(d.issuer),
      destination: str(d.destination),
      recipient: str(d.recipient),
      inResponseTo: str(d.inResponseTo),
      nodeSamlError: str(d.nodeSamlError),
    },
  };
}
