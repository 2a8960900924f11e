import { compactVerify, type CryptoKey } from 'jose';
import type { CheckList } from '../checks.js';
import { algHint, jwksHint } from './hints.js';
import type { JwksCache, JwksFetch } from './jwks.js';

/** How a token's signature ended: the viewer shows it next to the decoded token. */
export type SignatureState = 'valid' | 'invalid' | 'not_checked' | 'not_verified';

export interface SignatureOptions {
  prefix: string;
  /** The connection's allow-list; `none` never gets in (connection-oidc.ts refuses it, and it is refused here too). */
  allowedAlgs: string[];
  /** The connection's verifyTokenSignature. */
  verify: boolean;
  jwksUri: string | undefined;
  jwks: JwksCache;
  /** For HS* algorithms the key is the client secret (OIDC Core §10.1); absent for public clients. */
  clientSecret: string | undefined;
  /** For access tokens an unverifiable signature is a warning (it is not the platform's login token, except Arthur's). */
  failIsWarn: boolean;
  /** How the JWKS was already obtained for this token (openid-client fetched it during the exchange). */
  jwksFetch?: JwksFetch;
  /** openid-client's non-repudiation check already verified this very token against the same JWKS. */
  verifiedByOpenidClient?: boolean;
}

/**
 * The `alg` header against the explicit allow-list (OIDC Core §3.1.3.7 items 6–8; RFC 8725 §3.1: never `none`, never
 * an algorithm the token chooses for itself), then the signature with jose against the IdP's JWKS (refetched once for
 * an unknown kid) or, for HS*, the client secret. Each outcome is its own check.
 */
export async function checkSignature(token: string, header: Record<string, unknown>, options: SignatureOptions, checks: CheckList): Promise<SignatureState> {
  const algId = `${options.prefix}.alg`;
  const sigId = `${options.prefix}.signature`;
  const problem = (message: string, hint: string) => (options.failIsWarn ? checks.warn(sigId, message, hint) : checks.fail(sigId, message, hint));
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const allowed = options.allowedAlgs.filter((a) => a.toLowerCase() !== 'none');
  if (alg === '') {
    checks.fail(algId, 'The token header has no alg.', algHint('none', allowed));
  } else if (alg.toLowerCase() === 'none') {
    checks.fail(algId, 'The token is unsigned (alg "none"): it is never accepted.', algHint(alg, allowed));
  } else if (!allowed.includes(alg)) {
    checks.fail(algId, `The token is signed with ${alg}, which is not allowed (allowed: ${allowed.join(', ')}).`, algHint(alg, allowed));
  } else checks.pass(algId, `Signed with ${alg} (allowed: ${allowed.join(', ')}).`);
  if (checks.failed(algId)) {
    checks.skip(sigId, 'Not checked: the signing algorithm was refused, so the token is not trusted.');
    return 'not_checked';
  }
  if (!options.verify) {
    checks.warn(sigId, 'The signature was NOT verified: verifyTokenSignature is off for this connection.', 'Anyone can forge an unverified token: set the JWKS URI and turn on signature verification.');
    return 'not_verified';
  }

  if (options.verifiedByOpenidClient) {
    // Verified once already, against the same JWKS and allow-list: a second RSA verification would prove nothing new.
    const kid = typeof header.kid === 'string' ? ` (key "${header.kid}")` : '';
    const rotated = options.jwksFetch === 'refetched' ? ', found after refetching the JWKS: key rotation' : '';
    checks.pass(sigId, `The ${alg} signature is valid: verified against the IdP JWKS${kid} by openid-client’s non-repudiation check${rotated}.`);
    return 'valid';
  }
  let keys: Array<{ key: CryptoKey | Uint8Array; kid: string | undefined }>;
  let rotation = false;
  if (alg.startsWith('HS')) {
    if (!options.clientSecret) {
      problem(`The token is signed with ${alg} (a shared-secret MAC) but no client secret is stored to verify it.`, 'Store the client secret, or set the IdP to sign with RS256.');
      return 'invalid';
    }
    keys = [{ key: new TextEncoder().encode(options.clientSecret), kid: undefined }];
  } else {
    if (!options.jwksUri) {
      problem('No JWKS URI is set, so the signature cannot be verified.', 'Set jwksUri to the jwks_uri of the issuer’s discovery document.');
      return 'invalid';
    }
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    const lookup = await options.jwks.keysFor(options.jwksUri, { alg, kid }, options.jwksFetch ?? 'cached');
    if (!lookup.ok) {
      const label = lookup.problem === 'kid_unknown' ? 'Unknown signing key' : 'JWKS unusable';
      problem(`${label}: ${lookup.message}`, jwksHint(lookup.problem, options.jwksUri));
      return 'invalid';
    }
    rotation = lookup.fetch === 'refetched';
    keys = lookup.candidates.map((c) => ({ key: c.key, kid: c.jwk.kid }));
  }
  for (const { key, kid } of keys) {
    try {
      await compactVerify(token, key, { algorithms: allowed });
      const from = kid ? `key "${kid}"` : alg.startsWith('HS') ? 'the client secret' : 'the IdP key';
      const rotated = rotation ? ' (found after refetching the JWKS: key rotation)' : '';
      checks.pass(sigId, `The ${alg} signature is valid: verified with ${from}${rotated}.`);
      return 'valid';
    } catch {
      // Try the next candidate key (several keys without kid).
    }
  }
  const which = keys.length === 1 ? (keys[0]?.kid ? `key "${keys[0].kid}"` : 'the only matching key') : `${keys.length} candidate keys`;
  problem(
    `The ${alg} signature does not verify with ${which}: the token was altered, or signed by a key with the same id that the IdP does not publish.`,
    'Never accept such a token. If it repeats, check that the jwksUri belongs to the same IdP and tenant as the issuer.',
  );
  return 'invalid';
}
