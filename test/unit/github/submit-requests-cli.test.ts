// `runbook submit --requests` against the GitHub stand-in (OpenAPI-validated): each access and
// provisioning request of the runbook becomes an issue with its own label and marker, its ticket
// is written back into its entry, and a second submission updates the same issues.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { CliIO } from '../../../server/cli/io';
import { runSubmitWith } from '../../../server/cli/submit';
import { FAST, useStandIn, WRITE_TOKEN } from './stand-in-fixture';

const FIXTURE = path.join(__dirname, '../../fixtures/change-request/requests');
const RUNBOOK = 'db-upgrade.runbook.yaml';

describe('runbook submit --requests', () => {
  const s = useStandIn();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-requests-'));
    cpSync(FIXTURE, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function submit(extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { GITHUB_TOKEN: WRITE_TOKEN },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    };
    const code = await runSubmitWith(
      [RUNBOOK, '--requests', '--repo', 'acme/releases', '--api-url', s.get().url, ...extra],
      io,
      FAST,
    );
    return { code, stdout, stderr };
  }
  const read = () => readFileSync(path.join(dir, RUNBOOK), 'utf8');
  const ticketOf = (section: string) => parseDocument(read()).getIn([section, 0, 'ticket']);

  it('files each request with its label, title and marker, and writes each ticket into its entry', async () => {
    const before = read();
    const r = await submit();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${s.get().url}/acme/releases/issues/1\n${s.get().url}/acme/releases/issues/2\n`);
    const access = s
      .get()
      .issues()
      .find((i) => i.number === 1)!;
    const provisioning = s
      .get()
      .issues()
      .find((i) => i.number === 2)!;
    assert.equal(
      access.title,
      '[access] @alice: database admin on production, 2026-12-02 21:30 to 2026-12-03 01:00 Europe/Berlin',
    );
    assert.deepEqual(access.labels, ['access-request', 'env:production']);
    assert.match(access.body!, /^\| Until \| 2026-12-03 01:00 Europe\/Berlin \|$/m);
    assert.equal(access.body!.split('\n').pop(), '<!-- runbook:orders-db-upgrade/access/alice-prod-db -->');
    // The marker text in `why` is escaped: the body has exactly one marker, its own.
    assert.equal(access.body!.match(/^<!-- runbook:/gm)?.length, 1);
    assert.equal(
      provisioning.title,
      '[provisioning] One more read replica of orders-db (production) by 2026-12-01 12:00 Europe/Berlin',
    );
    assert.deepEqual(provisioning.labels, ['provisioning-request', 'env:production']);
    assert.equal(provisioning.body!.split('\n').pop(), '<!-- runbook:orders-db-upgrade/provisioning/extra-replica -->');
    assert.equal(ticketOf('access'), 'acme/releases#1');
    assert.equal(ticketOf('provisioning'), 'acme/releases#2');
    assert.equal(
      read(),
      before
        .replace(
          '      <!-- runbook:orders-db-upgrade -->\n',
          '      <!-- runbook:orders-db-upgrade -->\n    ticket: acme/releases#1\n',
        )
        .replace('    by: 2026-12-01T12:00\n', '    by: 2026-12-01T12:00\n    ticket: acme/releases#2\n'),
      'only the two tickets were added; no change.ticket nor change.submitted',
    );
  });

  it('a second submission updates the same issues; a copy without tickets finds them by their markers', async () => {
    const original = read();
    assert.equal((await submit()).code, 0);
    writeFileSync(path.join(dir, RUNBOOK), read().replace('level: database admin', 'level: read-only'));
    const again = await submit();
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /Updated acme\/releases#1/);
    assert.equal(s.get().issues().length, 2);
    assert.match(
      s
        .get()
        .issues()
        .find((i) => i.number === 1)!.title,
      /read-only on production/,
    );
    writeFileSync(path.join(dir, RUNBOOK), original);
    const copy = await submit();
    assert.equal(copy.code, 0, copy.stderr);
    assert.match(copy.stderr, /Updated \(found by its marker\) acme\/releases#1/);
    assert.equal(s.get().issues().length, 2);
    assert.equal(s.get().requestsFor('issues/create').length, 2);
    assert.equal(ticketOf('access'), 'acme/releases#1');
  });

  it('never takes the change request for an access request, nor the other way round', async () => {
    s.get().seedIssue('acme/releases', {
      title: 'change',
      body: 'x\n\n<!-- runbook:orders-db-upgrade -->',
      labels: ['change-request', 'access-request'],
    });
    const r = await submit(['--id', 'alice-prod-db']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Filed acme\/releases#2/);
    assert.equal(ticketOf('access'), 'acme/releases#2');
    assert.equal(ticketOf('provisioning'), undefined, '--id files that request only');
  });

  it('refuses a request without an id, and --id without --requests, sending nothing', async () => {
    writeFileSync(path.join(dir, RUNBOOK), read().replace('  - id: extra-replica\n', '  - id: extra replica\n'));
    const r = await submit();
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /the provisioning request on line 26 needs an id of letters, digits, dots, dashes and underscores/,
    );
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { GITHUB_TOKEN: WRITE_TOKEN },
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    };
    assert.equal(await runSubmitWith([RUNBOOK, '--id', 'alice-prod-db', '--repo', 'acme/releases'], io, FAST), 2);
    assert.match(stderr, /--id picks one of the requests: use it with --requests/);
    assert.equal(s.get().requests.length, 0);
  });
});
