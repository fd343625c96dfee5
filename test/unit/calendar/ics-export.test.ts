import { strict as assert } from 'node:assert';
import { calendarQuery } from '../../../server/core/calendar/calendar-query';
import { calendarToIcs, periodSeries } from '../../../server/core/calendar/ics-export';
import { vtimezone } from '../../../server/core/calendar/vtimezone';
import { lintFile } from '../../../server/core/run-rules';
import { loadWorkspace } from '../../helpers/index-folder';
import { ACCESS_WORKSPACE, FIXTURE_WORKSPACE } from '../../fixtures/calendar/workspaces';

interface Component {
  name: string;
  props: { name: string; params: Record<string, string>; value: string }[];
  children: Component[];
}

/** RFC 5545 read back: unfold, then nest BEGIN/END. Enough to check what importers read. */
function parseIcs(text: string): Component {
  assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l.length > 0);
  const root: Component = { name: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const [head, value] = [line.slice(0, colon), line.slice(colon + 1)];
    const [name, ...paramParts] = head.split(';');
    if (name === 'BEGIN') {
      const c: Component = { name: value, props: [], children: [] };
      stack[stack.length - 1].children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      assert.equal(stack.pop()!.name, value);
    } else {
      const params = Object.fromEntries(paramParts.map((p) => p.split('=') as [string, string]));
      stack[stack.length - 1].props.push({ name, params, value });
    }
  }
  assert.equal(stack.length, 1, 'every BEGIN has its END');
  return root.children[0];
}

const prop = (c: Component, name: string) => c.props.find((p) => p.name === name);

describe('ics export', () => {
  const index = loadWorkspace(FIXTURE_WORKSPACE);
  const result = calendarQuery(index, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, (uri) =>
    lintFile(index, uri),
  );
  const text = calendarToIcs(result, { stamp: new Date(Date.UTC(2026, 10, 1)) });
  const cal = parseIcs(text);
  const events = cal.children.filter((c) => c.name === 'VEVENT');
  const event = (uidStart: string) => events.find((e) => prop(e, 'UID')!.value.startsWith(uidStart))!;

  it('is a VCALENDAR 2.0 with folded lines of at most 75 octets', () => {
    assert.equal(cal.name, 'VCALENDAR');
    assert.equal(prop(cal, 'VERSION')!.value, '2.0');
    assert.ok(prop(cal, 'PRODID'));
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  });

  it('has a VTIMEZONE for the calendar zone and for a runbook written in another zone', () => {
    const zones = cal.children.filter((c) => c.name === 'VTIMEZONE');
    const berlin = zones.find((z) => prop(z, 'TZID')!.value === 'Europe/Berlin')!;
    assert.ok(berlin, 'Europe/Berlin');
    // The offset in force where the span starts comes first, as an observance without a rule.
    assert.deepEqual(
      berlin.children.map((c) => c.name),
      ['STANDARD', 'DAYLIGHT', 'STANDARD'],
    );
    assert.equal(prop(berlin.children[0], 'RRULE'), undefined);
    const daylight = berlin.children.find((c) => c.name === 'DAYLIGHT' && prop(c, 'RRULE'))!;
    const standard = berlin.children.find((c) => c.name === 'STANDARD' && prop(c, 'RRULE'))!;
    assert.equal(prop(daylight, 'TZOFFSETFROM')!.value, '+0100');
    assert.equal(prop(daylight, 'TZOFFSETTO')!.value, '+0200');
    assert.equal(prop(daylight, 'RRULE')!.value, 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    assert.equal(prop(standard, 'RRULE')!.value, 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    assert.ok(zones.some((z) => prop(z, 'TZID')!.value === 'America/New_York'));
  });

  it('writes each window with DTSTART/DTEND in its zone', () => {
    const payments = event('runbook-payments-api-2-14@');
    assert.deepEqual(prop(payments, 'DTSTART'), {
      name: 'DTSTART',
      params: { TZID: 'Europe/Berlin' },
      value: '20261202T220000',
    });
    assert.deepEqual(prop(payments, 'DTEND'), {
      name: 'DTEND',
      params: { TZID: 'Europe/Berlin' },
      value: '20261203T000000',
    });
    assert.equal(prop(payments, 'SUMMARY')!.value, 'Payments API 2.14.0 to production (production)');
    assert.equal(prop(payments, 'TRANSP')!.value, 'OPAQUE');
    const nyc = event('runbook-nyc-cdn@');
    assert.deepEqual(prop(nyc, 'DTSTART'), {
      name: 'DTSTART',
      params: { TZID: 'America/New_York' },
      value: '20261208T090000',
    });
  });

  it('writes every freeze and maintenance occurrence as a free event', () => {
    const yearEnd = event('freeze-year-end-');
    assert.deepEqual(prop(yearEnd, 'DTSTART'), {
      name: 'DTSTART',
      params: { TZID: 'Europe/Berlin' },
      value: '20261221T000000',
    });
    assert.equal(prop(yearEnd, 'SUMMARY')!.value, 'Freeze: Year-end code freeze');
    assert.equal(prop(yearEnd, 'TRANSP')!.value, 'TRANSPARENT');
    const sundays = events.filter((e) => prop(e, 'UID')!.value.startsWith('maintenance-sunday-infra-'));
    assert.equal(sundays.length, result.maintenance.filter((m) => m.id === 'sunday-infra').length);
    assert.ok(sundays.every((e) => prop(e, 'DTSTART')!.value.endsWith('T020000')));
    const uids = events.map((e) => prop(e, 'UID')!.value);
    assert.equal(new Set(uids).size, uids.length, 'UIDs are unique');
  });

  it('writes each access request as a free event of its own, an ended one saying to revoke it', () => {
    const ws = loadWorkspace(FIXTURE_WORKSPACE, ACCESS_WORKSPACE);
    const answer = calendarQuery(ws, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, (uri) => lintFile(ws, uri));
    const feed = parseIcs(calendarToIcs(answer, { stamp: new Date(Date.UTC(2026, 10, 1)) }));
    const access = feed.children.filter(
      (c) => c.name === 'VEVENT' && prop(c, 'UID')!.value.startsWith('access-node-pool-upgrade.alice-prod-'),
    );
    assert.equal(access.length, 1);
    const [a] = access;
    assert.equal(prop(a, 'SUMMARY')!.value, 'Access ended\\, revoke: @alice on production (cluster-admin)');
    assert.equal(prop(a, 'DTSTART')!.value, '20261202T213000');
    assert.equal(prop(a, 'DTEND')!.value, '20261203T010000');
    assert.equal(prop(a, 'TRANSP')!.value, 'TRANSPARENT');
    assert.equal(
      prop(a, 'DESCRIPTION')!.value,
      '@alice on production: cluster-admin\\nRunbook: node-pool-upgrade\\nTicket: acme/ops#41\\nWhy: Watch the rollout\\nEnded and still in the runbook: make sure the access is revoked (RB041)',
    );
  });

  it('writes a recurring period as one series with its RRULE and an exact DURATION when the workspace is known', () => {
    const feed = parseIcs(
      calendarToIcs(result, {
        stamp: new Date(Date.UTC(2026, 10, 1)),
        seriesOf: periodSeries(index.calendar(), Date.parse(result.from)),
      }),
    );
    const feedEvents = feed.children.filter((c) => c.name === 'VEVENT');
    const sundays = feedEvents.filter((e) => prop(e, 'UID')!.value.startsWith('maintenance-sunday-infra'));
    assert.equal(sundays.length, 1);
    assert.equal(prop(sundays[0], 'UID')!.value, 'maintenance-sunday-infra@release-runbooks');
    assert.equal(prop(sundays[0], 'RRULE')!.value, 'FREQ=WEEKLY;BYDAY=SU');
    assert.deepEqual(prop(sundays[0], 'DTSTART'), {
      name: 'DTSTART',
      params: { TZID: 'Europe/Berlin' },
      value: '20261129T020000',
    });
    assert.equal(prop(sundays[0], 'DURATION')!.value, 'PT4H');
    assert.equal(prop(sundays[0], 'DTEND'), undefined);
    assert.equal(
      prop(
        feedEvents.find((e) => prop(e, 'UID')!.value.startsWith('freeze-month-end-close'))!,
        'DURATION',
      )!.value,
      'PT30H',
    );
    // A one-off freeze stays one event; DTSTAMP is UTC.
    assert.equal(feedEvents.filter((e) => prop(e, 'UID')!.value.startsWith('freeze-year-end-')).length, 1);
    assert.ok(feedEvents.every((e) => /^\d{8}T\d{6}Z$/.test(prop(e, 'DTSTAMP')!.value)));
  });

  it('keeps runbook text as text', () => {
    const probe = event('runbook-xss-probe@');
    assert.equal(prop(probe, 'SUMMARY')!.value, '<img src=x onerror=alert(1)> (staging)');
  });

  it('describes a zone without daylight saving with one STANDARD component', () => {
    const tokyo = vtimezone('Asia/Tokyo', 2026, 2027);
    assert.match(tokyo, /BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:\+0900\r\nTZOFFSETTO:\+0900/);
    assert.doesNotMatch(tokyo, /DAYLIGHT/);
  });

  it('describes a zone with US rules', () => {
    const ny = vtimezone('America/New_York', 2026, 2027);
    assert.match(
      ny,
      /BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU/,
    );
  });
});
