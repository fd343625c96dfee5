// The subscribable feed read back by an independent iCalendar parser (ical.js): every recurring
// freeze and maintenance window is one event with its RRULE, and expanding those events gives the
// same instants as `runbook/calendar` over two years, across daylight-saving changes in zones east
// and west of UTC, with `from`, `until`, INTERVAL, COUNT and UNTIL bounds.
import * as assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { calendarQuery } from '../../../server/core/calendar/calendar-query';
import { calendarToIcs, periodSeries } from '../../../server/core/calendar/ics-export';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

const CALENDARS: Record<string, { zone: string; entries: string }> = {
  berlin: {
    zone: 'Europe/Berlin',
    entries: `
freezes:
  - id: month-end-close
    rrule: FREQ=MONTHLY;BYMONTHDAY=-1
    start-time: "18:00"
    duration: 30h
  - id: quarter-close
    rrule: FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR
    start-time: "12:00"
    duration: 3d
    from: 2026-03-01
maintenance:
  - id: sunday-infra
    rrule: FREQ=WEEKLY;BYDAY=SU
    start-time: "02:00"
    duration: 4h
  - id: fortnightly-patch
    rrule: FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH
    start-time: "23:30"
    duration: 1h
bookings:
  - id: qa-thursdays
    environment: staging
    team: qa
    purpose: Regression run
    rrule: FREQ=WEEKLY;BYDAY=TH
    start-time: "14:00"
    duration: 3h`,
  },
  newyork: {
    zone: 'America/New_York',
    entries: `
maintenance:
  - id: ny-nightly
    rrule: FREQ=DAILY;INTERVAL=3
    start-time: "01:30"
    duration: 2h
    until: 2027-05-31
  - id: ny-ten
    rrule: FREQ=WEEKLY;BYDAY=FR;COUNT=10
    start-time: "22:00"
    duration: 2h
    from: 2026-10-01`,
  },
  sydney: {
    zone: 'Australia/Sydney',
    entries: `
freezes:
  - id: sydney-eofy
    rrule: FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=20
    start-time: "00:00"
    duration: 14d
maintenance:
  - id: sydney-sat
    rrule: FREQ=WEEKLY;BYDAY=SA;UNTIL=20270401T000000Z
    start-time: "03:00"
    duration: 3h`,
  },
  kolkata: {
    zone: 'Asia/Kolkata',
    entries: `
maintenance:
  - id: kolkata-first-monday
    rrule: FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1
    start-time: "05:30"
    duration: 90m`,
  },
};

const RANGE = { from: '2026-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' };

function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, { zone, entries }] of Object.entries(CALENDARS)) {
    index.set(`file:///feed/${name}.calendar.yaml`, `calendar: ${name}\ntimezone: ${zone}\n${entries.trimStart()}\n`);
  }
  return index;
}

/** Minutes east of UTC from the platform's Intl, to leave out instants near a clock change (see recurrence-oracle.test.ts). */
function offsetAt(zone: string, t: number): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(t))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}
const nearChange = (zone: string, t: number) => offsetAt(zone, t - 3 * 3_600_000) !== offsetAt(zone, t + 3 * 3_600_000);

describe('the calendar feed against ical.js (an independent iCalendar parser)', function () {
  // Thousands of instants through two implementations: seconds on a busy machine.
  this.timeout(30_000);
  const index = workspace();
  const result = calendarQuery(index, RANGE, () => []);
  const text = calendarToIcs(result, {
    stamp: new Date(Date.UTC(2026, 11, 4)),
    seriesOf: periodSeries(index.calendar(), Date.parse(result.from)),
  });
  const vcalendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of vcalendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  after(() => ICAL.TimezoneService.reset());
  const events = vcalendar.getAllSubcomponents('vevent');
  const byUid = new Map(events.map((e) => [String(e.getFirstPropertyValue('uid')), e]));

  it('writes each recurring period once, with its RRULE, a zoned DTSTART, a UTC DTSTAMP and a stable UID', () => {
    const ids = new Set(
      [...result.freezes, ...result.maintenance, ...result.bookings!].map((p) => `${p.kind}-${p.id}`),
    );
    assert.equal(ids.size, 10, 'every period and booking of the fixture occurs in the range');
    assert.equal(events.length, ids.size, 'one event per period, not one per occurrence');
    for (const id of ids) {
      const event = byUid.get(`${id}@release-runbooks`);
      assert.ok(event, `${id} has the UID ${id}@release-runbooks`);
      assert.ok(event.getFirstProperty('rrule'), `${id} has an RRULE`);
      assert.ok(event.getFirstProperty('dtstart')!.getParameter('tzid'), `${id}: DTSTART names its zone`);
    }
    assert.match(text, /\r\nDTSTAMP:20261204T000000Z\r\n/);
    assert.doesNotMatch(text, /\r\nDTSTAMP:[0-9T]+\r\n/, 'no DTSTAMP without Z');
    assert.equal(
      byUid.get('booking-qa-thursdays@release-runbooks')!.getFirstPropertyValue('summary'),
      'Booked: staging by qa (Regression run)',
    );
    // A calendar-file zone per period: New York's maintenance starts at 01:30 New York time.
    assert.equal(
      byUid.get('maintenance-ny-nightly@release-runbooks')!.getFirstProperty('dtstart')!.getParameter('tzid'),
      'America/New_York',
    );
  });

  it('expands to the same instants as runbook/calendar over two years in four zones', () => {
    let compared = 0;
    const end = ICAL.Time.fromJSDate(new Date(RANGE.to), true);
    const expectedById = new Map<string, { zone: string; starts: number[]; ends: number[] }>();
    for (const p of [...result.freezes, ...result.maintenance, ...result.bookings!]) {
      const key = `${p.kind}-${p.id}@release-runbooks`;
      const zone = Object.values(CALENDARS).find((c) => c.entries.includes(`id: ${p.id}\n`))!.zone;
      const entry = expectedById.get(key) ?? { zone, starts: [], ends: [] };
      entry.starts.push(Date.parse(p.start));
      entry.ends.push(Date.parse(p.end));
      expectedById.set(key, entry);
    }
    for (const [uid, expected] of expectedById) {
      const event = new ICAL.Event(byUid.get(uid)!);
      const starts: number[] = [];
      const ends: number[] = [];
      // DURATION in hours is exact time (RFC 5545 section 3.3.6); ical.js adds it to the wall
      // clock instead, so the end is the start plus the duration's seconds here.
      const length = event.duration.toSeconds() * 1000;
      const it = event.iterator();
      for (let next = it.next(); next && next.compare(end) < 0; next = it.next()) {
        const start = event.getOccurrenceDetails(next).startDate.toUnixTime() * 1000;
        if (start + length <= Date.parse(RANGE.from)) continue;
        starts.push(start);
        ends.push(start + length);
      }
      const keep = (list: number[], of: number[]) => list.filter((_, i) => !nearChange(expected.zone, of[i]));
      const iso = (list: number[]) => list.map((t) => new Date(t).toISOString());
      assert.deepEqual(iso(keep(starts, starts)), iso(keep(expected.starts, expected.starts)), `${uid}: starts`);
      assert.deepEqual(iso(keep(ends, starts)), iso(keep(expected.ends, expected.starts)), `${uid}: ends`);
      compared += expected.starts.length;
    }
    assert.ok(compared > 400, `compared ${compared} occurrences`);
  });

  it('keeps the same UIDs when exported over another range, so a subscription updates in place', () => {
    const later = calendarQuery(index, { from: '2027-03-01T00:00:00Z', to: '2027-09-01T00:00:00Z' }, () => []);
    const again = calendarToIcs(later, { seriesOf: periodSeries(index.calendar(), Date.parse(later.from)) });
    const uids = (ics: string) => [...ics.matchAll(/\r\nUID:([^\r]+)/g)].map((m) => m[1]).sort();
    const laterIds = new Set(
      [...later.freezes, ...later.maintenance, ...later.bookings!].map((p) => `${p.kind}-${p.id}@release-runbooks`),
    );
    assert.deepEqual(uids(again), [...laterIds].sort());
    for (const uid of laterIds) assert.ok(byUid.has(uid), `${uid} was in the first export too`);
  });
});
