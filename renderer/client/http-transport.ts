import { appErrorSchema, buildApi, type AppErrorShape, type Invoke, type Result, type Subscribe, type WorkbenchApi, type WorkbenchEvent } from '../../main/contract/index';

/**
 * Browser mode: the contract over the loopback web bridge (main/bridge/web-bridge.ts).
 * `POST /api/invoke/<operation>` answers the Result envelope as JSON; `GET /api/events` streams engine events
 * (server-sent events, one `{name, payload}` JSON per message). The session cookie (HttpOnly, set when the one-time
 * token URL was opened) rides along with `credentials: 'same-origin'`.
 */
export function createHttpApi(): WorkbenchApi {
  return buildApi(invokeOverHttp, createEventStream('/api/events'));
}

const sessionExpired: AppErrorShape = {
  code: 'forbidden',
  message: 'Session expired — restart `ssowb serve` and open the new URL.',
  hint: 'Browser mode signs in once per run of the bridge: the link it prints works one time, then this tab keeps a session cookie until the bridge stops.',
};

const networkError = (message: string, hint?: string): Result<never> => ({
  ok: false,
  error: { code: 'network', message, ...(hint ? { hint } : {}) },
});

const invokeOverHttp: Invoke = async (name, input) => {
  let response: Response;
  try {
    response = await fetch(`/api/invoke/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return networkError('Cannot reach the SSO Workbench bridge.', 'Check that `ssowb serve` is still running, then reload this page.');
  }
  if (response.status === 401) return { ok: false, error: sessionExpired };
  if (!response.ok) {
    const reason = (await response.text().catch(() => '')).trim();
    return networkError(`The bridge refused ${name} (HTTP ${response.status})${reason ? `: ${reason}` : '.'}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return networkError(`The bridge answered ${name} with something that is not JSON.`, 'Reload the page; if it persists, restart `ssowb serve`.');
  }
  return readEnvelope(name, body);
};

/** Accepts only the Result envelope of the contract; anything else becomes a `network` error. */
function readEnvelope(name: string, body: unknown): Result<unknown> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
    if (body.ok === false && 'error' in body) {
      const error = appErrorSchema.safeParse(body.error);
      if (error.success) return { ok: false, error: error.data };
    }
  }
  return networkError(`The bridge answered ${name} without a result envelope.`);
}

/**
 * One shared EventSource, opened with the first listener and closed with the last. EventSource reconnects by
 * itself when the bridge drops the stream.
 */
function createEventStream(url: string): Subscribe {
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  let source: EventSource | undefined;
  const dispatch = (message: MessageEvent<string>) => {
    let event: WorkbenchEvent;
    try {
      event = JSON.parse(message.data) as WorkbenchEvent;
    } catch {
      return; // a malformed message is dropped, not fatal
    }
    if (typeof event?.name !== 'string') return;
    for (const listener of [...listeners]) listener(event);
  };
  return (listener) => {
    listeners.add(listener);
    if (!source) {
      source = new EventSource(url); // same origin: the session cookie goes along
      source.addEventListener('message', dispatch);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = undefined;
      }
    };
  };
}
