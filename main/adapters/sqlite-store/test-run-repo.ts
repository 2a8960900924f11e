import type { Report, TestRunSummary } from '../../contract/index.js';
import type { StoredTestRun, TestRunRepo } from '../../core/ports/store.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import type { SqliteDatabase } from './open-database.js';

interface Row {
  summary: string;
  report: string;
}

/** Test-run History, newest first (by time, then insertion order for runs in the same millisecond). */
export function createTestRunRepo(db: SqliteDatabase): TestRunRepo {
  const insert = db.prepare<[string, string, string, string, string]>('INSERT INTO test_runs (id, connection_id, at, summary, report) VALUES (?, ?, ?, ?, ?)');
  const newest = db.prepare<[number], Pick<Row, 'summary'>>('SELECT summary FROM test_runs ORDER BY at DESC, rowid DESC LIMIT ?');
  const newestOf = db.prepare<[string, number], Pick<Row, 'summary'>>('SELECT summary FROM test_runs WHERE connection_id = ? ORDER BY at DESC, rowid DESC LIMIT ?');
  const byId = db.prepare<[string], Row>('SELECT summary, report FROM test_runs WHERE id = ?');
  return {
    add(run) {
      const { report, ...summary } = run;
      insert.run(run.runId, run.connectionId, run.at, toJsonColumn(summary, `Test run ${run.runId}`), toJsonColumn(report, `Report of test run ${run.runId}`));
    },
    list({ connectionId, limit }) {
      // SQLite reads a negative LIMIT as "no limit"; refuse rather than return the whole history.
      if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`History list limit must be a whole number ≥ 0, got ${limit}.`);
      const rows = connectionId === undefined ? newest.all(limit) : newestOf.all(connectionId, limit);
      return rows.map((row) => fromJsonColumn(row.summary, 'Test run summary') as TestRunSummary);
    },
    get(id) {
      const row = byId.get(id);
      if (!row) return undefined;
      const summary = fromJsonColumn(row.summary, `Test run ${id}`) as TestRunSummary;
      return { ...summary, report: fromJsonColumn(row.report, `Report of test run ${id}`) as Report } satisfies StoredTestRun;
    },
  };
}
