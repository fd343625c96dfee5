// Golden files for the change request renderer (docs/runbook-dsl.md, "runbook submit"). UPDATE_GOLDEN=1 rewrites them.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { markersIn } from '../../../server/core/change-request/marker';
import { renderChangeRequest } from '../../../server/core/change-request/render-change-request';
import type { RunbookModel } from '../../../server/core/model';
import { loadWorkspace } from '../../helpers/index-folder';

const FIXTURES = path.join(__dirname, '../../fixtures/change-request/render');
const CASES = ['full', 'minimal', 'hostile', 'emergency'];

function render(name: string) {
  const index = loadWorkspace(FIXTURES);
  const file = index.get(pathToFileURL(path.join(FIXTURES, `${name}.runbook.yaml`)).href)!;
  return { request: renderChangeRequest(index, file.model as RunbookModel), id: (file.model as RunbookModel).id!.text };
}

function golden(file: string, actual: string): void {
  const full = path.join(FIXTURES, file);
  if (process.env.UPDATE_GOLDEN || !existsSync(full)) {
    if (!process.env.UPDATE_GOLDEN) assert.fail(`missing golden file ${file}; run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(full, actual);
  }
  assert.equal(actual, readFileSync(full, 'utf8'), `${file} differs from the golden file`);
}

/** Rows of the summary table as markdown-it sees them: [name, cell count]. */
function tableRows(body: string): { name: string; cells: number }[] {
  const tokens = new MarkdownIt({ html: false }).parse(body, {});
  const rows: { name: string; cells: number }[] = [];
  let current: { name: string; cells: number } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'tr_open') current = { name: '', cells: 0 };
    if (t.type === 'td_open' && current) {
      current.cells++;
      if (current.cells === 1) current.name = tokens[i + 1].content;
    }
    if (t.type === 'tr_close' && current) rows.push(current);
  }
  return rows;
}

describe('renderChangeRequest', () => {
  for (const name of CASES) {
    it(`renders ${name}.runbook.yaml as its golden files`, () => {
      const { request } = render(name);
      golden(`${name}.expected.md`, request.body);
      golden(
        `${name}.expected.json`,
        `${JSON.stringify({ title: request.title, labels: request.labels, ticket: request.ticket }, null, 2)}\n`,
      );
    });

    it(`${name}: the summary table keeps two cells in every row, and the marker is the last line and the only one`, () => {
      const { request, id } = render(name);
      const rows = tableRows(request.body).filter((r) => r.name !== '');
      assert.ok(rows.length >= 9, 'service, version, environment, window, type, risk, owner, on-call, dependencies');
      for (const row of rows) assert.equal(row.cells, 2, `row "${row.name}" has ${row.cells} cells`);
      assert.deepEqual(markersIn(request.body), [id]);
      assert.equal(request.body.split('\n').pop(), `<!-- runbook:${id} -->`);
    });
  }

  it('titles the issue with the window start in the runbook zone and the environment', () => {
    assert.equal(
      render('full').request.title,
      '[change] Payments API 2.14.0 to production — 2026-12-02 22:00 Europe/Berlin (production)',
    );
    // An offset start without a runbook zone is shown in the calendar's zone.
    assert.equal(
      render('emergency').request.title,
      '[change] Payments API 2.14.1 hotfix — 2026-12-23 14:00 Europe/Berlin (production)',
    );
  });

  it('labels the environment, risk and type, and leaves out risk and type when the runbook has none', () => {
    assert.deepEqual(render('full').request.labels, ['change-request', 'env:production', 'risk:medium', 'type:normal']);
    assert.deepEqual(render('minimal').request.labels, ['change-request', 'env:staging']);
  });

  it('lists preconditions and verification as task lists, steps in order with their rollback', () => {
    const { body } = render('full').request;
    assert.match(body, /^- \[ \] \*\*ci-green\*\*: Acceptance tests pass on tag v2\.14\.0$/m);
    assert.match(body, /^- \[ \] \*\*smoke\*\*: Synthetic checkout succeeds$/m);
    const order = ['**migrate**', '**deploy**', '**purge-cache**', '**announce**'].map((s) => body.indexOf(`. ${s}`));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    assert.ok(order.every((i) => i > 0));
    assert.match(body, /Rollback: \*\*revert-migration\*\*: Revert migration 0042/);
    assert.match(body, /Rollback: none, irreversible/);
    assert.match(body, /\*\*Trigger:\*\* Error rate above 2% for 5 minutes/);
    assert.match(body, /\*\*Decision:\*\* @alice/);
  });

  it('names each dependency with its ticket, or says why there is none', () => {
    const row = render('full')
      .request.body.split('\n')
      .find((l) => l.startsWith('| Dependencies |'))!;
    assert.equal(
      row,
      '| Dependencies | `orders-db-migration` (acme/releases#41), `search-reindex` (no change request yet), `ledger-cutover` (not in the workspace) |',
    );
  });

  it('keeps hostile text from producing HTML or a second marker', () => {
    const { request } = render('hostile');
    const html = new MarkdownIt({ html: false }).render(request.body);
    assert.doesNotMatch(html, /<script|<img|<b>/);
    assert.ok(request.title.length <= 256, `title has ${request.title.length} characters`);
    assert.match(request.title, /… — 2026-11-20 10:00 Europe\/Berlin \(staging\)$/);
  });

  it('renders the same text twice', () => {
    assert.equal(render('full').request.body, render('full').request.body);
  });
});
