/**
 * Browser-less logins against the test peers: follows redirects and submits the IdP's HTML forms with a small
 * cookie jar, so integration tests can obtain an authorization code or a SAML Response without Chromium.
 * Loopback test servers only (plain fetch, no limits); the product code uses the Http port.
 */

export interface HtmlForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
    if (code[0] === '#') return String.fromCodePoint(code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10));
    return ENTITIES[code.toLowerCase()] ?? match;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? decodeHtml(match[1] ?? match[2] ?? match[3] ?? '') : undefined;
}

/** The first form of a page, with its named input values (good enough for IdP login, consent and POST-binding pages). */
export function parseForm(html: string, baseUrl: string): HtmlForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<(?:input|button)\b[^>]*>/gi)) {
    const name = attribute(input[0], 'name');
    if (name && !(name in fields)) fields[name] = attribute(input[0], 'value') ?? '';
  }
  return {
    action: new URL(attribute(form[1] ?? '', 'action') || baseUrl, baseUrl).href,
    method: (attribute(form[1] ?? '', 'method') ?? 'GET').toUpperCase(),
    fields,
  };
}

/** The visible text of an (error) page, shortened: IdPs often answer errors with HTTP 200 and a page like this. */
function pageText(html: string): string {
  const text = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return decodeHtml(text).slice(0, 1200);
}

/** Name → value, per origin-less host (every 127.0.0.1 server shares one jar in browsers too). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface FormStep {
  url: string;
  form: HtmlForm;
}

/**
 * Starts at `url`, follows redirects, and on each HTML page submits its first form after `fill` adds values.
 * Stops when a redirect or a form action targets a URL for which `isDone` is true, and returns that request.
 */
export async function followForms(
  url: string,
  isDone: (url: string) => boolean,
  fill: (step: FormStep) => Record<string, string>,
  maxSteps = 20,
): Promise<{ url: string; method: string; fields: Record<string, string> }> {
  const jar = new CookieJar();
  let request: { url: string; method: string; body?: URLSearchParams } = { url, method: 'GET' };
  for (let step = 0; step < maxSteps; step++) {
    const response = await fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(request.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: request.body,
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, request.url).href;
      if (isDone(next)) return { url: next, method: 'GET', fields: Object.fromEntries(new URL(next).searchParams) };
      request = { url: next, method: 'GET' };
      continue;
    }
    const html = await response.text();
    const form = parseForm(html, request.url);
    if (!form) throw new Error(`No form on ${request.url.split('?')[0]} (HTTP ${response.status}): ${pageText(html)}`);
    const fields = { ...form.fields, ...fill({ url: request.url, form }) };
    if (isDone(form.action)) return { url: form.action, method: form.method, fields };
    request =
      form.method === 'POST'
        ? { url: form.action, method: 'POST', body: new URLSearchParams(fields) }
        : { url: `${form.action.split('?')[0]}?${new URLSearchParams(fields)}`, method: 'GET' };
  }
  throw new Error(`No end of the login flow after ${maxSteps} steps starting at ${url}.`);
}

/** OIDC (oidc-provider dev interactions): logs in as `login` and returns the redirect to `redirectUri` (code, state, iss). */
export async function oidcLoginWithoutBrowser(authorizationUrl: string, redirectUri: string, login: string): Promise<URL> {
  const done = await followForms(
    authorizationUrl,
    (url) => url.startsWith(redirectUri),
    ({ form }): Record<string, string> => ('login' in form.fields ? { login, password: 'any-password' } : {}),
  );
  return new URL(done.url);
}

/** SAML (SimpleSAMLphp UserPass): logs in and returns the POST-binding fields for the ACS (SAMLResponse, RelayState). */
export async function samlLoginWithoutBrowser(ssoUrl: string, acsUrl: string, username: string, password: string): Promise<Record<string, string>> {
  const done = await followForms(
    ssoUrl,
    (url) => url === acsUrl,
    ({ form }): Record<string, string> => ('username' in form.fields ? { username, password } : {}),
  );
  if (!done.fields.SAMLResponse) throw new Error(`The IdP sent no SAMLResponse to ${acsUrl}.`);
  return done.fields;
}
