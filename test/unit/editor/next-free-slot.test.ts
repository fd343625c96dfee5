import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { nextFreeSlot } from '../../../server/core/editor/next-free-slot';
import type { RunbookModel } from '../../../server/core/model';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

const CALENDAR = `
calendar: test
timezone: Europe/Berlin
environments:
  - name: staging
  - name: production
  - name: infrastructure
    maintenance-only: true
freezes:
  - id: year-end
    title: Year-end freeze
    start: 2026-12-21T00:00
    end: 2027-01-04T00:00
    environments: [production, infrastructure]
  - id: month-end-close
    rrule: FREQ=MONTHLY;BYMONTHDAY=-1
    start-time: "18:00"
    duration: 30h
    environments: [production]
  - id: evening
    title: Staging evening freeze
    start: 2026-11-10T18:00
    end: 2026-11-10T22:00
    environments: [staging]
maintenance:
  - id: sunday
    rrule: FREQ=WEEKLY;BYDAY=SU
    start-time: "02:00"
    duration: 4h
    environments: [infrastructure]
`;

function runbook(id: string, fields: Record<string, string>, extra = ''): string {
  return [
    `runbook: ${id}`,
    `title: ${id}`,
    ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`),
    extra,
    'steps:',
    '  - id: a',
    '    title: A',
    '',
  ].join('\n');
}

function window(start: string, length: string): string {
  return `window:\n  start: ${start}\n  duration: ${length}`;
}

function setup(
  files: Record<string, string>,
  calendar = CALENDAR,
): { index: WorkspaceIndex; get: (id: string) => RunbookModel } {
  const index = new WorkspaceIndex();
  index.set('file:///w/test.calendar.yaml', calendar);
  for (const [name, text] of Object.entries(files)) index.set(`file:///w/${name}.runbook.yaml`, text);
  return { index, get: (id) => index.runbook(id)! };
}

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

function expectSlot(
  index: WorkspaceIndex,
  rb: RunbookModel,
  start: string,
  length: number,
  keepTimeOfDay = false,
): void {
  const slot = nextFreeSlot(index, rb, { keepTimeOfDay });
  assert.ok(slot.ok, `a slot (${!slot.ok ? slot.reason : ''})`);
  assert.equal(
    DateTime.fromMillis(slot.start, { zone: 'Europe/Berlin' }).toISO(),
    DateTime.fromMillis(berlin(start), { zone: 'Europe/Berlin' }).toISO(),
  );
  assert.equal(slot.end - slot.start, length);
}

const HOUR = 3_600_000;

describe('next free slot', () => {
  it('keeps a window that is already free', () => {
    const { index, get } = setup({ a: runbook('a', { environment: 'production' }, window('2026-12-02T22:00', '2h')) });
    expectSlot(index, get('a'), '2026-12-02T22:00', 2 * HOUR);
  });

  it('moves a window out of a freeze that covers its environment, to the freeze end', () => {
    const { index, get } = setup({ a: runbook('a', { environment: 'production' }, window('2026-12-22T10:00', '2h')) });
    expectSlot(index, get('a'), '2027-01-04T00:00', 2 * HOUR);
  });

  it('ignores a freeze for another environment', () => {
    const { index, get } = setup({ a: runbook('a', { environment: 'staging' }, window('2026-12-22T10:00', '2h')) });
    expectSlot(index, get('a'), '2026-12-22T10:00', 2 * HOUR);
  });

  it('treats windows as half-open: starting when a freeze ends is free', () => {
    const { index, get } = setup({ a: runbook('a', { environment: 'staging' }, window('2026-11-10T22:00', '1h')) });
    expectSlot(index, get('a'), '2026-11-10T22:00', HOUR);
    const { index: i2, get: g2 } = setup({
      a: runbook('a', { environment: 'staging' }, window('2026-11-10T16:00', '2h1m')),
    });
    expectSlot(i2, g2('a'), '2026-11-10T22:00', 2 * HOUR + 60_000);
  });

  it('steps over a recurring freeze (month-end close, 30h from 18:00 on the last day)', () => {
    const { index, get } = setup({ a: runbook('a', { environment: 'production' }, window('2026-11-30T17:00', '2h')) });
    expectSlot(index, get('a'), '2026-12-02T00:00', 2 * HOUR);
  });

  it('puts a maintenance-only change inside the next maintenance occurrence', () => {
    const { index, get } = setup({
      a: runbook('a', { environment: 'infrastructure' }, window('2026-12-09T10:00', '2h')),
    });
    expectSlot(index, get('a'), '2026-12-13T02:00', 2 * HOUR);
  });

  it('stays inside the current maintenance occurrence when the rest still fits', () => {
    const { index, get } = setup({
      a: runbook('a', { environment: 'infrastructure' }, window('2026-12-06T03:00', '3h')),
    });
    expectSlot(index, get('a'), '2026-12-06T03:00', 3 * HOUR);
    const { index: i2, get: g2 } = setup({
      a: runbook('a', { environment: 'infrastructure' }, window('2026-12-06T03:30', '3h')),
    });
    expectSlot(i2, g2('a'), '2026-12-13T02:00', 3 * HOUR);
  });

  it('skips maintenance occurrences inside a freeze', () => {
    const { index, get } = setup({
      a: runbook('a', { environment: 'infrastructure' }, window('2026-12-20T02:00', '1h')),
    });
    // Sundays 20 Dec (before the freeze) fit; 27 Dec and 3 Jan are frozen.
    expectSlot(index, get('a'), '2026-12-20T02:00', HOUR);
    const { index: i2, get: g2 } = setup({
      a: runbook('a', { environment: 'infrastructure' }, window('2026-12-21T02:00', '1h')),
    });
    expectSlot(i2, g2('a'), '2027-01-10T02:00', HOUR);
  });

  it('says why when no maintenance occurrence is long enough', () => {
    const { index, get } = setup({
      a: runbook('a', { environment: 'infrastructure' }, window('2026-12-09T10:00', '5h')),
    });
    const slot = nextFreeSlot(index, get('a'));
    assert.equal(slot.ok, false);
    assert.match((slot as { reason: string }).reason, /no free slot within 366 days/);
  });

  it('starts at or after the end of every dependency', () => {
    const { index, get } = setup({
      dep: runbook('dep', { environment: 'staging' }, window('2026-12-02T19:00', '2h')),
      other: runbook('other', { environment: 'staging' }, window('2026-12-02T18:00', '4h30m')),
      a: runbook('a', { environment: 'staging', 'depends-on': '[dep, other]' }, window('2026-12-02T20:00', '1h')),
    });
    expectSlot(index, get('a'), '2026-12-02T22:30', HOUR);
  });

  it('lands after the dependency and then after the freeze that follows it', () => {
    const { index, get } = setup({
      dep: runbook('dep', { environment: 'staging' }, window('2026-12-20T20:00', '5h')),
      a: runbook('a', { environment: 'production', 'depends-on': '[dep]' }, window('2026-12-20T10:00', '1h')),
    });
    expectSlot(index, get('a'), '2027-01-04T00:00', HOUR);
  });

  it('avoids other runbooks of the same service and environment, back to back', () => {
    const { index, get } = setup({
      p1: runbook('p1', { service: 'api', environment: 'staging' }, window('2026-12-02T10:00', '1h')),
      p2: runbook('p2', { service: 'api', environment: 'staging' }, window('2026-12-02T11:00', '1h')),
      elsewhere: runbook('elsewhere', { service: 'api', environment: 'production' }, window('2026-12-02T12:00', '1h')),
      a: runbook('a', { service: 'api', environment: 'staging' }, window('2026-12-02T10:30', '1h')),
    });
    expectSlot(index, get('a'), '2026-12-02T12:00', HOUR);
  });

  it('keeps the same length for a window written with end', () => {
    const { index, get } = setup({
      a: runbook('a', { environment: 'production' }, 'window:\n  start: 2026-12-22T10:00\n  end: 2026-12-22T11:45'),
    });
    expectSlot(index, get('a'), '2027-01-04T00:00', HOUR + 45 * 60_000);
  });

  it('jumps across blocking intervals instead of walking minute by minute', () => {
    // A freeze every day but half an hour (an hour and a half on the night clocks go back):
    // a 2h window never fits, and the search over a year must still end fast.
    const daily = CALENDAR.replace(
      'freezes:',
      'freezes:\n  - id: daily\n    rrule: FREQ=DAILY\n    start-time: "00:30"\n    duration: 23h30m\n    environments: [staging]',
    );
    const { index, get } = setup(
      { a: runbook('a', { environment: 'staging' }, window('2026-12-02T10:00', '2h')) },
      daily,
    );
    // A search that walked minute by minute would run into the suite's timeout.
    const slot = nextFreeSlot(index, get('a'));
    assert.deepEqual(slot, { ok: false, reason: 'no free slot within 366 days' });
  });

  describe('keeping the time of day', () => {
    it('moves a 10:00 change out of the year-end freeze to 10:00 on the first free day, not to the freeze end at 00:00', () => {
      const { index, get } = setup({
        a: runbook('a', { environment: 'production' }, window('2026-12-22T10:00', '2h')),
      });
      expectSlot(index, get('a'), '2027-01-04T10:00', 2 * HOUR, true);
    });

    it('takes the next day at that time when the freeze ends later in the day', () => {
      // Month-end close: 30 Nov 18:00 to 2 Dec 00:00; a 22:00 change on 30 Nov goes to 2 Dec 22:00.
      const { index, get } = setup({
        a: runbook('a', { environment: 'production' }, window('2026-11-30T22:00', '2h')),
      });
      expectSlot(index, get('a'), '2026-12-02T22:00', 2 * HOUR, true);
    });

    it('keeps a free window where it is, and a clash at that time moves a day on', () => {
      const { index, get } = setup({
        p1: runbook('p1', { service: 'api', environment: 'staging' }, window('2026-12-02T10:00', '1h')),
        a: runbook('a', { service: 'api', environment: 'staging' }, window('2026-12-02T10:30', '1h')),
        b: runbook('b', { service: 'web', environment: 'staging' }, window('2026-12-02T10:30', '1h')),
      });
      expectSlot(index, get('a'), '2026-12-03T10:30', HOUR, true);
      expectSlot(index, get('b'), '2026-12-02T10:30', HOUR, true);
    });

    it("leaves a maintenance-only change to the maintenance window's time", () => {
      const { index, get } = setup({
        a: runbook('a', { environment: 'infrastructure' }, window('2026-12-09T10:00', '2h')),
      });
      expectSlot(index, get('a'), '2026-12-13T02:00', 2 * HOUR, true);
    });

    it('falls back to the earliest slot when that time is never free', () => {
      // A freeze every day 08:00 to 20:00: a 10:00 change cannot stay at 10:00.
      const daily = CALENDAR.replace(
        'freezes:',
        'freezes:\n  - id: daytime\n    rrule: FREQ=DAILY\n    start-time: "08:00"\n    duration: 12h\n    environments: [staging]',
      );
      const { index, get } = setup(
        { a: runbook('a', { environment: 'staging' }, window('2026-12-02T10:00', '2h')) },
        daily,
      );
      expectSlot(index, get('a'), '2026-12-02T20:00', 2 * HOUR, true);
    });
  });

  it('refuses a window it cannot read or that ends before it starts', () => {
    const { index, get } = setup({
      a: runbook('a', { environment: 'staging' }, 'window:\n  start: soon\n  duration: 1h'),
      b: runbook('b', { environment: 'staging' }, 'window:\n  start: 2026-12-02T10:00\n  end: 2026-12-02T09:00'),
    });
    assert.deepEqual(nextFreeSlot(index, get('a')), { ok: false, reason: 'the window cannot be read' });
    assert.deepEqual(nextFreeSlot(index, get('b')), { ok: false, reason: 'the window ends at or before it starts' });
  });
});
