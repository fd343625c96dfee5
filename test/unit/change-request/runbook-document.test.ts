import { strict as assert } from 'node:assert';
import { locateRunbook } from '../../../client/change-request/runbook-document';

describe('locateRunbook', () => {
  it('finds the runbook key and the ticket with its span', () => {
    const text = '# head\nrunbook: a\nchange:\n  type: normal\n  ticket: "acme/releases#3" # filed\n';
    const where = locateRunbook(text);
    assert.equal(where.runbookId, 'a');
    assert.equal(where.anchor, text.indexOf('runbook:'));
    assert.equal(where.ticket, 'acme/releases#3');
    assert.equal(text.slice(...where.ticketSpan!), 'ticket: "acme/releases#3"');
  });

  it('copes with no ticket, a flow map and broken YAML', () => {
    assert.equal(locateRunbook('runbook: a\nchange: {type: normal}\n').ticket, undefined);
    assert.equal(locateRunbook('change: {ticket: acme/r#1}\n').ticket, 'acme/r#1');
    assert.deepEqual(locateRunbook('- just\n- a list\n'), { anchor: 0 });
    assert.doesNotThrow(() => locateRunbook('runbook: [\n'));
  });
});
