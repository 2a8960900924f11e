import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { CheckList } from '../checks.js';
import { boundClaimDepth } from '../claim-depth.js';
import { checkJwtClaims, type ClaimExpectations } from './jwt-claims.js';
import { checkSignature, type SignatureOptions, type SignatureState } from './jwt-signature.js';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Decodes a compact JWS without trusting it; null when it is not one (opaque token, JWE, garbage). */
export function decodeCompactJwt(token: string): DecodedJwt | null {
  if (token.split('.').length !== 3) return null;
  try {
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, payload: decodeJwt(token) as Record<string, unknown> };
  } catch {
    return null;
  }
}

export interface TokenValidation {
  decoded: DecodedJwt | null;
  signature: SignatureState;
}

/**
 * Validates a JWT the way OIDC Core §3.1.3.7 validates an ID token, as separate checks under `prefix`: present and
 * decodable, alg allowed, signature, then every claim. Claims are checked even after a bad signature so the admin
 * sees everything that is wrong, but such a token is never accepted (the report builder sees the failed check).
 */
export async function validateJwt(
  token: string,
  expect: ClaimExpectations,
  signature: Omit<SignatureOptions, 'prefix'>,
  checks: CheckList,
): Promise<TokenValidation> {
  // ID tokens report `oidc.id_token.present`; access tokens `oidc.access_token.decode`.
  const presentId = `${expect.prefix}.${expect.prefix.endsWith('access_token') ? 'decode' : 'present'}`;
  const decoded = decodeCompactJwt(token.trim());
  if (!decoded) {
    checks.fail(presentId, 'The token is not a signed JWT (three base64url parts with a JSON header and payload).', 'Paste the whole token as the IdP issued it; encrypted (JWE) tokens are not supported.');
    return { decoded: null, signature: 'not_checked' };
  }
  if (!checks.get(presentId)) checks.pass(presentId, 'A signed JWT was received and decoded.');
  const what = expect.prefix.endsWith('id_token') ? 'ID token' : 'access token';
  decoded.payload = boundClaimDepth(decoded.payload, what, `${expect.prefix}.depth`, checks);
  const state = await checkSignature(token.trim(), decoded.header, { ...signature, prefix: expect.prefix }, checks);
  checkJwtClaims(decoded.payload, expect, checks);
  return { decoded, signature: state };
}
