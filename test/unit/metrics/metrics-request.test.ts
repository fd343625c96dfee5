// What the metrics panel's host does with the page's messages: odd filters fall back to the
// defaults, a reversed range is an error message for the page, and the environments to offer.
import assert from 'node:assert/strict';
import { answerQuery, cleanQuery, environmentsOf } from '../../../server/lsp/metrics-query';
import { changeRecords } from '../../../server/core/metrics/change-records';
import { deliveryIndex } from './metrics-fixture';

describe('Release metrics panel: answering the page', () => {
  const index = deliveryIndex();
  const source = { ...changeRecords(index), zone: index.calendar().zone };

  it('keeps only filters it understands', () => {
    assert.deepEqual(cleanQuery({ by: 'year', group: 'owner', from: '1.12.2026', to: '2026-12-01', environment: 42 }), {
      by: 'week',
      group: 'service',
      from: '',
      to: '2026-12-01',
      environment: '',
    });
    assert.deepEqual(cleanQuery(null), { by: 'week', group: 'service', from: '', to: '', environment: '' });
  });

  it('answers with the report for the filters, and the environments there are', () => {
    const answer = answerQuery(source, { by: 'month', group: 'environment', environment: 'production' });
    assert.equal(answer.type, 'report');
    if (answer.type !== 'report') return;
    assert.deepEqual(
      answer.report.groups.map((g) => g.name),
      ['production'],
    );
    assert.equal(answer.report.total.deployments, 7);
    assert.deepEqual(answer.environments, ['production', 'staging']);
    assert.deepEqual(environmentsOf(source.changes), ['production', 'staging']);
  });

  it('turns a reversed range into a message for the page', () => {
    assert.deepEqual(answerQuery(source, { from: '2026-12-10', to: '2026-12-01' }), {
      type: 'error',
      query: { by: 'week', group: 'service', from: '2026-12-10', to: '2026-12-01', environment: '' },
      message: 'The last day is before the first day.',
    });
    const impossible = answerQuery(source, { from: '2026-02-30' });
    assert.equal(
      impossible.type === 'error' && impossible.message,
      'First day: "2026-02-30" is not a date such as 2026-12-01',
    );
  });
});
