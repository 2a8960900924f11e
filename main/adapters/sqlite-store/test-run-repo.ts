import type { Report, TestRunSummary } from '../../contract/index.js';
import type { StoredTestRun, TestRunQuery, TestRunRepo } from '../../core/ports/store.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import type { SqliteDatabase } from './open-database.js';

interface Row {
  summary: string;
  report: string;
}

type Statements = { page: ReturnType<SqliteDatabase['prepare']>; count: ReturnType<SqliteDatabase['prepare']> };

/**
 * Test-run History, newest first (by time, then insertion order for runs in the same millisecond). Pages and counts
 * go through the indexes of migrations 3 and 6 (per connection, per outcome, by time): one statement per filter
 * combination, since `x = ? OR ? IS NULL` would keep SQLite off the index.
 */
export function createTestRunRepo(db: SqliteDatabase): TestRunRepo {
  const insert = db.prepare<[string, string, string, string, string, string]>(
    'INSERT INTO test_runs (id, connection_id, at, outcome, summary, report) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], Row>('SELECT summary, report FROM test_runs WHERE id = ?');
  const statements = new Map<string, Statements>();
  const statementsFor = (query: TestRunQuery): Statements => {
    const where = [query.connectionId !== undefined ? 'connection_id = @connectionId' : null, query.outcome ? 'outcome = @outcome' : null].filter((c) => c !== null);
    const key = where.join(' AND ');
    let found = statements.get(key);
    if (!found) {
      const filter = where.length > 0 ? `WHERE ${key}` : '';
      found = {
        page: db.prepare(`SELECT summary FROM test_runs ${filter} ORDER BY at DESC, rowid DESC LIMIT @limit OFFSET @offset`).pluck(),
        count: db.prepare(`SELECT count(*) FROM test_runs ${filter}`).pluck(),
      };
      statements.set(key, found);
    }
    return found;
  };
  const paramsOf = (query: TestRunQuery) => ({
    ...(query.connectionId !== undefined ? { connectionId: query.connectionId } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
  });
  const list = (query: TestRunQuery): TestRunSummary[] => {
    // SQLite reads a negative LIMIT as "no limit"; refuse rather than return the whole history.
    if (!Number.isInteger(query.limit) || query.limit < 0) throw new RangeError(`History list limit must be a whole number ≥ 0, got ${query.limit}.`);
    const offset = query.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`History list offset must be a whole number ≥ 0, got ${offset}.`);
    const rows = statementsFor(query).page.all({ ...paramsOf(query), limit: query.limit, offset }) as string[];
    return rows.map((summary) => fromJsonColumn(summary, 'Test run summary') as TestRunSummary);
  };
  return {
    add(run) {
      const { report, ...summary } = run;
      insert.run(run.runId, run.connectionId, run.at, run.outcome, toJsonColumn(summary, `Test run ${run.runId}`), toJsonColumn(report, `Report of test run ${run.runId}`));
    },
    list,
    page: (query) => ({ runs: list(query), total: statementsFor(query).count.get(paramsOf(query)) as number }),
    get(id) {
      const row = byId.get(id);
      if (!row) return undefined;
      const summary = fromJsonColumn(row.summary, `Test run ${id}`) as TestRunSummary;
      return { ...summary, report: fromJsonColumn(row.report, `Report of test run ${id}`) as Report } satisfies StoredTestRun;
    },
  };
}
