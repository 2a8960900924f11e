import { useState } from 'react';
import type { OperationInput } from '../../../main/contract/index';
import { notifyFailure } from '../../app/notify';
import { useMutation } from '../../client';
import { openAuthorizeUrl, rememberLaunch } from '../test-run/launches';

type Draft = OperationInput<'tests.startDraft'>['draft'];

/**
 * "Test" in the wizard and the Edit dialog: runs the draft as it stands (`tests.startDraft`; its secret is used for the
 * run only), opens the IdP's login in a new tab and keeps the run id for the in-place panel.
 */
export function useDraftTest() {
  const start = useMutation('tests.startDraft');
  const [runId, setRunId] = useState<string | null>(null);
  const run = async (draft: Draft, forceLogin: boolean) => {
    const result = await start.mutate({ draft, forceLogin });
    if (!result.ok) {
      notifyFailure('The test could not start', result.error);
      return;
    }
    const started = result.value;
    rememberLaunch({ ...started, connectionId: started.connectionId ?? draft.id ?? '', connectionName: draft.displayName, protocol: draft.protocol, startedAt: new Date().toISOString() });
    openAuthorizeUrl(started.authorizeUrl);
    setRunId(started.runId);
  };
  return { run, runId, starting: start.loading, reset: () => setRunId(null) };
}
