import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { Http } from '../../ports/index.js';

export interface JwkSet {
  keys: JWK[];
}

interface Entry {
  jwks: JwkSet;
  /** Real time (ms) of the fetch: cache age is an operational matter, not protocol time. */
  fetchedAt: number;
}

export type KeyProblem = 'jwks_unreachable' | 'jwks_invalid' | 'kid_unknown';

/** How the set was obtained for this token: from the warm cache, a first fetch, or a refetch for an unknown kid. */
export type JwksFetch = 'cached' | 'fetched' | 'refetched';

export type KeyLookup =
  | { ok: true; candidates: Array<{ jwk: JWK; key: CryptoKey }>; fetch: JwksFetch }
  | { ok: false; problem: KeyProblem; message: string; fetch: JwksFetch };

const MAX_AGE_MS = 10 * 60_000;
const TIMEOUT_MS = 10_000;
const MAX_BYTES = 512 * 1024;

/** The key type an algorithm needs, and the curve for EC/OKP (RFC 7518 §3.1, RFC 8037). */
function fits(jwk: JWK, alg: string): boolean {
  const family = alg.slice(0, 2);
  const kty = family === 'RS' || family === 'PS' ? 'RSA' : family === 'ES' ? 'EC' : alg === 'EdDSA' || alg === 'Ed25519' ? 'OKP' : null;
  if (kty === null || jwk.kty !== kty) return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  if (jwk.key_ops !== undefined && !jwk.key_ops.includes('verify')) return false;
  const curve: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
  if (curve[alg] && jwk.crv !== curve[alg]) return false;
  return true;
}

/**
 * The IdP signing keys, fetched through the Http port and kept warm across runs. An unknown `kid` triggers exactly
 * one refetch (key rotation: OIDC Core §10.1.1 — a new key appears in the JWKS before it is used); a kid still unknown
 * after that is reported, not retried.
 */
export class JwksCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly imported = new Map<string, Promise<CryptoKey>>();

  constructor(private readonly http: Http) {}

  snapshot(jwksUri: string): Entry | undefined {
    return this.entries.get(jwksUri);
  }

  /** Adopts a set just fetched elsewhere (openid-client's own cache after it refetched during the exchange). */
  adopt(jwksUri: string, jwks: JwkSet): void {
    this.entries.set(jwksUri, { jwks, fetchedAt: Date.now() });
  }

  /**
   * The candidate keys for a JWS header. `prior`: how the set was already obtained for this very token (openid-client
   * fetched it during the exchange); then an unknown kid is not fetched a second time.
   */
  async keysFor(jwksUri: string, header: { alg: string; kid?: string | undefined }, prior: JwksFetch = 'cached'): Promise<KeyLookup> {
    let fetch: JwksFetch = prior;
    let entry = this.entries.get(jwksUri);
    try {
      if (!entry || Date.now() - entry.fetchedAt > MAX_AGE_MS) {
        entry = await this.fetch(jwksUri);
        fetch = 'fetched';
      }
      let matches = this.select(entry, header);
      if (matches.length === 0 && fetch === 'cached') {
        entry = await this.fetch(jwksUri);
        fetch = 'refetched';
        matches = this.select(entry, header);
      }
      if (matches.length === 0) {
        const kids = entry.jwks.keys.map((k) => k.kid ?? '(no kid)').join(', ') || '(none)';
        const wanted = header.kid ? `kid "${header.kid}"` : `a ${header.alg} key`;
        const again = fetch === 'fetched' ? 'freshly fetched' : 'even after refetching it';
        return { ok: false, problem: 'kid_unknown', fetch, message: `No ${header.alg} signing key with ${wanted} in the JWKS at ${jwksUri}, ${again} (it has: ${kids}).` };
      }
      const candidates = await Promise.all(matches.map(async (jwk) => ({ jwk, key: await this.importKey(jwk, header.alg) })));
      return { ok: true, candidates, fetch };
    } catch (error) {
      const problem: KeyProblem = error instanceof JwksFormatError ? 'jwks_invalid' : 'jwks_unreachable';
      return { ok: false, problem, fetch, message: (error as Error).message };
    }
  }

  private select(entry: Entry, header: { alg: string; kid?: string | undefined }): JWK[] {
    return entry.jwks.keys.filter((jwk) => fits(jwk, header.alg) && (header.kid === undefined || jwk.kid === header.kid));
  }

  private importKey(jwk: JWK, alg: string): Promise<CryptoKey> {
    const id = `${alg}|${jwk.kid ?? ''}|${jwk.n ?? ''}${jwk.x ?? ''}${jwk.y ?? ''}`;
    let key = this.imported.get(id);
    if (!key) {
      key = importJWK(jwk, alg) as Promise<CryptoKey>;
      key.catch(() => this.imported.delete(id));
      this.imported.set(id, key);
    }
    return key;
  }

  private fetch(jwksUri: string): Promise<Entry> {
    let pending = this.inflight.get(jwksUri);
    if (!pending) {
      pending = this.download(jwksUri).finally(() => this.inflight.delete(jwksUri));
      this.inflight.set(jwksUri, pending);
    }
    return pending;
  }

  private async download(jwksUri: string): Promise<Entry> {
    let response;
    try {
      response = await this.http.request({ url: jwksUri, method: 'GET', headers: { accept: 'application/jwk-set+json, application/json' }, timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES });
    } catch (error) {
      throw new Error(`The JWKS at ${jwksUri} could not be fetched: ${(error as Error).message}`);
    }
    if (response.status !== 200) throw new Error(`The JWKS at ${jwksUri} answered HTTP ${response.status}.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new JwksFormatError(`The JWKS at ${jwksUri} is not JSON (it starts with "${response.body.trim().slice(0, 40)}").`);
    }
    const keys = (parsed as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys) || !keys.every((k) => k && typeof k === 'object' && !Array.isArray(k))) {
      throw new JwksFormatError(`The document at ${jwksUri} is not a JWK Set (no "keys" list).`);
    }
    const entry = { jwks: { keys: keys as JWK[] }, fetchedAt: Date.now() };
    this.entries.set(jwksUri, entry);
    return entry;
  }
}

class JwksFormatError extends Error {}
