import { createHash } from 'node:crypto';
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

/** The one script a POST-binding page runs: submit its form. Allowed by hash, so nothing else can run. */
const SUBMIT_SCRIPT = 'document.forms[0].submit();';
const SUBMIT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SUBMIT_SCRIPT).digest('base64')}'`;

/**
 * Headers of a POST-binding page: the same lock-down, except that its one script may run (by hash) and its form may
 * go to the IdP's origin only (`form-action`, which Chromium also applies to the redirects that follow the POST).
 */
export function postFormHeaders(action: string): Record<string, string> {
  const origin = new URL(action).origin;
  return {
    ...pageHeaders,
    'content-security-policy': `default-src 'none'; script-src ${SUBMIT_SCRIPT_HASH}; style-src 'unsafe-inline'; base-uri 'none'; form-action ${origin}; frame-ancestors 'none'`,
  };
}

/** An auto-submitting HTTP-POST binding page (SAML Bindings §3.5.4): escaped hidden fields, a fallback button. */
export function renderPostForm(reply: LoopbackReply & { postForm: NonNullable<LoopbackReply['postForm']> }): string {
  const { action, fields } = reply.postForm;
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(reply.title)}</title></head><body style="font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem"><h1 style="font-size:1.2rem">${escapeHtml(reply.title)}</h1><p>${escapeHtml(reply.text)}</p><form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">Continue to the identity provider</button></form><script>${SUBMIT_SCRIPT}</script></body></html>`;
}
