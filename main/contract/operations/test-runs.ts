import * as z from 'zod';
import { defineOperation } from '../define.js';
import { reportSchema } from '../schemas/report.js';
import {
  historyListInputSchema,
  inspectInputSchema,
  runIdInputSchema,
  testRunStateSchema,
  testRunSummarySchema,
  testStartDraftInputSchema,
  testStartInputSchema,
  testStartOutputSchema,
} from '../schemas/test-run.js';

/**
 * Live test runs (a real login against the real IdP, callback on the loopback listener), offline inspection of a
 * token, and History. `tests.wait` resolves when the run finishes: the CLI uses it; the UI may follow the
 * `onTestRunProgress` / `onTestRunFinished` events instead.
 */
export const testRunOperations = {
  'tests.start': defineOperation(
    testStartInputSchema,
    testStartOutputSchema,
    'Start a live test run: fresh state, nonce and PKCE (OIDC) or a fresh AuthnRequest (SAML); returns the IdP URL to open.',
  ),
  'tests.startDraft': defineOperation(
    testStartDraftInputSchema,
    testStartOutputSchema,
    'Start a live test run of a draft (unsaved wizard or edit): its secret is used for the run only; saving exactly this draft after a pass records the run as its validation.',
  ),
  'tests.wait': defineOperation(runIdInputSchema, reportSchema, 'Wait until a run finishes and return its report.'),
  'tests.get': defineOperation(runIdInputSchema, testRunStateSchema, 'Where a run is, with its report once finished.'),
  'tests.cancel': defineOperation(runIdInputSchema, testRunStateSchema, 'Stop waiting for the callback of a run.'),
  'tests.inspect': defineOperation(
    inspectInputSchema,
    reportSchema,
    'Offline: the same checks, mapping and resolution as a live run, on a pasted ID or access token (OIDC) or SAML Response.',
  ),
  'history.list': defineOperation(historyListInputSchema, z.array(testRunSummarySchema), 'Past runs, newest first.'),
  'history.get': defineOperation(runIdInputSchema, reportSchema, 'The report of a past run.'),
};
