import type { LoopbackReply } from '../../core/ports/loopback.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * Security headers of every loopback answer: nothing may load, frame or be cached (the page reports on a login),
 * and the callback URL (which carried a code) is never sent on as a Referer.
 */
export const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

/** The engine's reply as a minimal page: escaped text in <pre>, never markup from an IdP or a claim. */
export function renderReply(reply: LoopbackReply): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(reply.title)}</title></head><body style="font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem"><h1 style="font-size:1.2rem">${escapeHtml(reply.title)}</h1><pre style="white-space:pre-wrap">${escapeHtml(reply.text)}</pre></body></html>`;
}
