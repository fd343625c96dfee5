// The Go/No-Go Review panel in headless Chromium, over the release fixture runbook answered as the
// extension host does: the gates with their state and evidence, confirming preconditions and the
// notify list, GO and NO-GO with what they post, waivers, hostile text, the keyboard, the three
// themes and a strict CSP. Screenshots go to test/artifacts/release/ to be looked at.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { WebviewMessage } from '../../webview/release/go-no-go-protocol';
import { GoNoGoHost, Harness, openReview, ReviewPage, startHarness, waitUntil } from './harness';

type Decide = Extract<WebviewMessage, { type: 'decide' }>;

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Each gate row as the coordinator reads it: title and state. */
function gateRows(page: Page): Promise<string[][]> {
  return page
    .locator('table')
    .first()
    .locator('tr:has(td)')
    .evaluateAll((rows) => rows.map((r) => [r.children[0].textContent ?? '', r.children[1].textContent ?? '']));
}

function gateRow(page: Page, title: string): Locator {
  return page
    .locator('table')
    .first()
    .locator('tr', { has: page.locator('td:first-child', { hasText: title }) });
}

async function textOf(page: Page, selector: string): Promise<string | undefined> {
  return (await page.locator(selector).count())
    ? ((await page.locator(selector).first().textContent()) ?? undefined)
    : undefined;
}

/** Nothing went wrong in the page: no script errors, no CSP refusals, no dialogs, nothing fetched beyond the page and its bundle. */
async function assertClean(view: ReviewPage): Promise<void> {
  assert.deepEqual(view.errors, []);
  assert.deepEqual(await view.cspViolations(), []);
  assert.deepEqual(view.dialogs, []);
  assert.deepEqual(
    view.requests.map((u) => new URL(u).pathname),
    ['/go-no-go.html', '/dist/release-go-no-go.js'],
  );
}

describe('Go/No-Go Review panel (headless Chromium)', function () {
  this.timeout(60_000);
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('lists every gate with its state and evidence, marks the failing ones, and holds GO until they pass or are waived', async () => {
    const host = new GoNoGoHost();
    const view = await openReview(harness, { host, theme: 'dark' });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      assert.equal(await page.title(), 'Go/No-Go: payments-api-2-14');
      assert.equal(await textOf(page, 'h1'), 'Go/No-Go: Payments API 2.14.0 to production');
      assert.equal(
        await textOf(page, 'h1 + p'),
        'payments-api-2-14 · 2026-12-02 22:00 Europe/Berlin to 2026-12-03 00:00 Europe/Berlin · waiting for the go/no-go decision · recording as @alice',
      );
      assert.equal(await page.locator('h2').first().textContent(), 'Gates: 9 of 11 pass');
      assert.deepEqual(await gateRows(page), [
        ['No errors in the runbook', '✓ pass'],
        ['Every precondition confirmed', '✗ fail'],
        ['Rollback plan documented', '✓ pass'],
        ['Change advisory board approved', '✓ pass'],
        ['Window outside every freeze', '✓ pass'],
        ['Every dependency finished successfully', '✓ pass'],
        ['Owner and on-call named', '✓ pass'],
        ['Downstream notified', '✗ fail'],
        ['Window now or upcoming and still valid', '✓ pass'],
        ['No clash with the same service (RB014)', '✓ pass'],
        ['Release access granted for the window', '✓ pass'],
      ]);
      const preconditions = gateRow(page, 'Every precondition confirmed');
      assert.equal(
        await preconditions.locator('td').nth(2).locator('div').textContent(),
        '2 of 2 not confirmed: ci-green, staging-soak',
      );
      assert.deepEqual(await preconditions.locator('ul.details li').allTextContents(), [
        'ci-green: not confirmed: Acceptance tests pass on tag v2.14.0',
        'staging-soak: not confirmed: 2.14.0 has run 48 hours in staging without new alerts',
      ]);
      // A failing gate is red, a passing one green, in the theme's own test colours; only failing gates can be waived.
      assert.equal(
        await preconditions.locator('td.state').evaluate((e) => getComputedStyle(e).color),
        'rgb(241, 76, 76)',
      );
      assert.equal(
        await gateRow(page, 'Owner and on-call named')
          .locator('td.state')
          .evaluate((e) => getComputedStyle(e).color),
        'rgb(115, 201, 145)',
      );
      assert.deepEqual(
        await page.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label'))),
        ['Waive "Every precondition confirmed"', 'Waive "Downstream notified"'],
      );

      // Both decisions need a reason; GO also needs every gate passing or waived.
      const go = page.getByRole('button', { name: 'GO', exact: true });
      const nogo = page.getByRole('button', { name: 'NO-GO', exact: true });
      assert.equal(await go.isDisabled(), true);
      assert.equal(await nogo.isDisabled(), true);
      await page.getByLabel('Reason', { exact: true }).fill('CAB approved; staging quiet');
      assert.equal(await nogo.isDisabled(), false);
      assert.equal(await go.isDisabled(), true);
      assert.equal(await go.getAttribute('title'), 'Every gate must pass or be waived');
      assert.deepEqual(await view.savedState(), {
        start: '2026-12-03T00:00:00+01:00',
        end: '2026-12-03T02:00:00+01:00',
        reason: 'CAB approved; staging quiet',
      });
      await view.screenshot('go-no-go-dark');
      await assertClean(view);
      assert.deepEqual(host.refused, []);
    } finally {
      await view.close();
    }
  });

  it('confirms preconditions and the notify list through the host, then GO posts the decision and shows it recorded', async () => {
    const host = new GoNoGoHost();
    const view = await openReview(harness, { host, theme: 'light' });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      await page
        .getByRole('row', { name: /ci-green/ })
        .getByRole('button', { name: 'Confirm' })
        .click();
      await waitUntil(async () => (await textOf(page, '.result')) === 'Confirmed ci-green.', 'the confirmation');
      await waitUntil(
        async () =>
          (
            await page
              .getByRole('row', { name: /ci-green/ })
              .last()
              .textContent()
          )?.includes('confirmed by @alice at 2026-12-02 21:40'),
        'ci-green confirmed',
      );
      await page
        .getByRole('row', { name: /staging-soak/ })
        .last()
        .getByRole('button', { name: 'Confirm' })
        .click();
      await waitUntil(
        async () => (await textOf(page, '.result')) === 'Confirmed staging-soak.',
        'the second confirmation',
      );
      await page.getByRole('button', { name: 'Mark Notified' }).click();
      await waitUntil(
        async () => (await page.locator('h2').first().textContent()) === 'Gates: 11 of 11 pass',
        'every gate passing',
      );
      assert.equal(await page.getByRole('checkbox').count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Acknowledge Again' }).count(), 1);
      assert.deepEqual(
        host.received.map((m) => (m.type === 'confirm' ? `confirm ${m.id}` : m.type)),
        ['ready', 'confirm ci-green', 'confirm staging-soak', 'acknowledge'],
      );

      await page.getByLabel('Reason', { exact: true }).fill('All gates green, CAB approved');
      await page.getByRole('button', { name: 'GO', exact: true }).click();
      const decided = (await view.waitForPosted((m) => m.type === 'decide')) as Decide;
      assert.deepEqual(decided, {
        type: 'decide',
        decision: 'go',
        reason: 'All gates green, CAB approved',
        waived: [],
      });
      await waitUntil(
        async () => (await textOf(page, '.result')) === 'GO recorded in the runbook. Posted on acme/releases#1.',
        'the GO result',
      );
      assert.deepEqual(await page.locator('h2 + ul li').allTextContents(), [
        'GO by @alice at 2026-12-02 21:40: All gates green, CAB approved',
      ]);
      assert.equal(
        await page.locator('h2 + ul li strong').evaluate((e) => getComputedStyle(e).color),
        'rgb(56, 138, 52)',
        'GO in the passed colour',
      );
      assert.equal(
        await page.getByLabel('Reason', { exact: true }).inputValue(),
        '',
        'the reason is cleared once recorded',
      );
      assert.match(host.text, /decisions:\n\s+- decision: go\n\s+by: "@alice"/);
      assert.equal(host.offers.length, 1, 'after a GO the panel offers to start the release');
      assert.match(host.offers[0], /^start /);
      await view.screenshot('go-no-go-light-go');
      await assertClean(view);
    } finally {
      await view.close();
    }
  });

  it('a board that rejected: the failing gate says so, an unreadable window comes back as an error, and NO-GO posts the reason with the proposed window', async () => {
    const host = new GoNoGoHost();
    host.change = { ticket: 'acme/releases#1', state: 'open', cab: 'rejected', cabLabel: 'cab:rejected' };
    const view = await openReview(harness, { host, theme: 'high-contrast' });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      const cab = gateRow(page, 'Change advisory board approved');
      assert.equal(await cab.locator('td.state').textContent(), '✗ fail');
      assert.equal(await cab.locator('td').nth(2).textContent(), 'The board rejected acme/releases#1 (cab:rejected)');
      assert.equal(await page.getByLabel('NO-GO: proposed start').inputValue(), '2026-12-03T00:00:00+01:00');
      assert.equal(await page.getByLabel('end', { exact: true }).inputValue(), '2026-12-03T02:00:00+01:00');
      // High Contrast paints buttons the page's colour: only their border (button.border) shows them.
      for (const name of ['Refresh', 'Confirm', 'Mark Notified', 'GO', 'NO-GO']) {
        const border = await page
          .getByRole('button', { name, exact: true })
          .first()
          .evaluate((b) => {
            const s = getComputedStyle(b);
            return `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`;
          });
        assert.equal(border, '1px solid rgb(111, 195, 223)', name);
      }
      // The proposed window reads as one row: start, then end beside it.
      const box = (label: string) => page.getByLabel(label, { exact: true }).boundingBox();
      const [start, end] = [await box('NO-GO: proposed start'), await box('end')];
      assert.ok(
        start && end && Math.abs(start.y - end.y) < 1 && end.x > start.x + start.width,
        `start ${JSON.stringify(start)} and end ${JSON.stringify(end)} side by side`,
      );
      await view.screenshot('go-no-go-high-contrast');

      // A window the host cannot read: the error in the error colour, the reason kept to try again, nothing recorded.
      await page.getByLabel('Reason', { exact: true }).fill('CAB rejected: payments freeze for the audit');
      await page.getByLabel('end', { exact: true }).fill('next tuesday');
      await page.getByRole('button', { name: 'NO-GO', exact: true }).click();
      await waitUntil(
        async () =>
          (await textOf(page, '.result.error')) ===
          'The proposed window needs a start and a later end, such as 2026-12-03T22:00:00+01:00.',
        'the error',
      );
      assert.equal(
        await page.locator('.result.error').evaluate((e) => getComputedStyle(e).color),
        'rgb(244, 135, 113)',
      );
      assert.equal(
        await page.getByLabel('Reason', { exact: true }).inputValue(),
        'CAB rejected: payments freeze for the audit',
      );
      assert.doesNotMatch(host.text, /decisions:/);

      await page.getByLabel('NO-GO: proposed start').fill('2026-12-09T22:00');
      await page.getByLabel('end', { exact: true }).fill('2026-12-10T00:00');
      await page.getByRole('button', { name: 'NO-GO', exact: true }).click();
      const decided = (await view.waitForPosted(
        (m) => m.type === 'decide' && m.proposedWindow?.end === '2026-12-10T00:00',
      )) as Decide;
      assert.deepEqual(decided, {
        type: 'decide',
        decision: 'no-go',
        reason: 'CAB rejected: payments freeze for the audit',
        waived: [],
        proposedWindow: { start: '2026-12-09T22:00', end: '2026-12-10T00:00' },
      });
      await waitUntil(
        async () => (await textOf(page, '.result')) === 'NO-GO recorded in the runbook. Posted on acme/releases#1.',
        'the NO-GO result',
      );
      assert.deepEqual(await page.locator('h2 + ul li').allTextContents(), [
        'NO-GO by @alice at 2026-12-02 21:40: CAB rejected: payments freeze for the audit',
      ]);
      assert.match(
        (await textOf(page, 'h1 + p')) ?? '',
        /· NO-GO given: waiting for a new go\/no-go decision ·/,
        'the header says where the release stands after a NO-GO',
      );
      assert.equal(
        await page.locator('h2 + ul li strong').evaluate((e) => getComputedStyle(e).color),
        'rgb(241, 76, 76)',
        'NO-GO stands out in the failed colour',
      );
      assert.match(
        host.text,
        /decision: no-go[\s\S]*proposed-window:\n\s+start: 2026-12-09T22:00\n\s+end: 2026-12-10T00:00/,
      );
      await view.screenshot('go-no-go-high-contrast-no-go');

      // The proposed window applied from the panel: the runbook's window moves, and the offer goes away.
      assert.equal(await textOf(page, '#apply-window'), 'Apply the Proposed Window');
      assert.match(
        (await page.locator('.row', { has: page.locator('#apply-window') }).textContent()) ?? '',
        /^The last NO-GO proposed 2026-12-09 22:00 Europe\/Berlin to 2026-12-10 00:00 Europe\/Berlin\./,
      );
      await page.getByRole('button', { name: 'Apply the Proposed Window' }).click();
      await view.waitForPosted((m) => m.type === 'apply-window');
      await waitUntil(
        async () =>
          (await textOf(page, '.result')) ===
          "The proposed window is now the runbook's window (saved). Take a new go/no-go decision for it.",
        'the applied result',
      );
      assert.match(host.text, /^window:\n {2}start: 2026-12-09T22:00 .*\n {2}end: 2026-12-10T00:00\n/m);
      assert.deepEqual(
        host.offers,
        ['update the change request'],
        'a NO-GO offers no start; the moved window, an update',
      );
      assert.equal(await page.locator('#apply-window').count(), 0, 'nothing left to apply');
      assert.match(
        (await textOf(page, 'h1 + p')) ?? '',
        /2026-12-09 22:00 Europe\/Berlin to 2026-12-10 00:00 Europe\/Berlin/,
      );
      await assertClean(view);
    } finally {
      await view.close();
    }
  });

  it('after a reload the typed reason and waivers are back; waiving the last failing gate lets GO through, and the waivers are posted and recorded', async () => {
    const host = new GoNoGoHost();
    const view = await openReview(harness, {
      host,
      theme: 'dark',
      state: { reason: 'Preconditions checked', waived: ['notified'] },
    });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      assert.equal(await page.getByLabel('Reason', { exact: true }).inputValue(), 'Preconditions checked');
      assert.equal(await gateRow(page, 'Downstream notified').locator('td.state').textContent(), '! waived');
      assert.equal(
        await gateRow(page, 'Downstream notified')
          .locator('td.state')
          .evaluate((e) => getComputedStyle(e).color),
        'rgb(204, 167, 0)',
      );
      assert.equal(await page.getByRole('checkbox', { name: 'Waive "Downstream notified"' }).isChecked(), true);
      assert.equal(
        await page.getByRole('button', { name: 'GO', exact: true }).isDisabled(),
        true,
        'the preconditions gate still fails',
      );

      // While the host records, every action waits.
      await view.send({ type: 'busy', busy: true });
      await waitUntil(async () => await page.getByRole('button', { name: 'Confirm' }).first().isDisabled(), 'busy');
      assert.deepEqual(
        await page
          .getByRole('button')
          .evaluateAll((bs) => bs.filter((b) => !(b as HTMLButtonElement).disabled).map((b) => b.textContent)),
        [],
      );
      assert.equal(
        await page.getByRole('checkbox', { name: 'Waive "Every precondition confirmed"' }).isDisabled(),
        true,
      );
      await view.send({ type: 'busy', busy: false });
      await waitUntil(
        async () => !(await page.getByRole('button', { name: 'Confirm' }).first().isDisabled()),
        'not busy',
      );

      await page.getByRole('checkbox', { name: 'Waive "Every precondition confirmed"' }).check();
      await waitUntil(
        async () =>
          (await gateRow(page, 'Every precondition confirmed').locator('td.state').textContent()) === '! waived',
        'the waived state',
      );
      await page.getByLabel('Reason', { exact: true }).fill('Preconditions checked by phone');
      await waitUntil(
        async () => !(await page.getByRole('button', { name: 'GO', exact: true }).isDisabled()),
        'GO enabled',
      );
      assert.deepEqual(await view.savedState(), {
        start: '2026-12-03T00:00:00+01:00',
        end: '2026-12-03T02:00:00+01:00',
        reason: 'Preconditions checked by phone',
        waived: ['notified', 'preconditions'],
      });
      await view.screenshot('go-no-go-dark-waived');
      await page.getByRole('button', { name: 'GO', exact: true }).click();
      const decided = (await view.waitForPosted((m) => m.type === 'decide')) as Decide;
      assert.deepEqual(decided, {
        type: 'decide',
        decision: 'go',
        reason: 'Preconditions checked by phone',
        waived: ['notified', 'preconditions'],
      });
      await waitUntil(
        async () => (await textOf(page, '.result')) === 'GO recorded in the runbook. Posted on acme/releases#1.',
        'the GO result',
      );
      assert.match(host.text, /preconditions:\n\s+state: waived/);
    } finally {
      await view.close();
    }
  });

  it('shows hostile text from the runbook and the record as text: no element, no dialog, no request', async () => {
    const host = new GoNoGoHost();
    host.notices = [`Record: ${HOSTILE}`];
    host.decorate = (v) => ({
      ...v,
      title: HOSTILE,
      runbookId: `"><script>alert(2)</script>`,
      gates: v.gates.map((g, i) =>
        i === 0 ? { ...g, title: HOSTILE, evidence: `<b onmouseover=alert(3)>x</b>`, details: [HOSTILE] } : g,
      ),
      preconditions: v.preconditions.map((p) => ({ ...p, check: HOSTILE })),
      notify: { channels: [HOSTILE] },
      decisions: [{ decision: 'no-go', by: '@mallory', at: '21:00', reason: HOSTILE }],
    });
    const view = await openReview(harness, { host, theme: 'dark', title: HOSTILE });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      assert.equal(await page.title(), `Go/No-Go: ${HOSTILE}`);
      assert.equal(await textOf(page, 'h1'), `Go/No-Go: ${HOSTILE}`);
      assert.equal(await textOf(page, '.notice'), `Record: ${HOSTILE}`);
      assert.equal(
        await gateRow(page, HOSTILE).locator('td').nth(2).locator('div').textContent(),
        '<b onmouseover=alert(3)>x</b>',
      );
      assert.deepEqual(await page.locator('h2 + ul li').allTextContents(), [`NO-GO by @mallory at 21:00: ${HOSTILE}`]);
      assert.equal(await page.getByRole('checkbox').count(), 2);
      assert.equal(await page.locator('#app img, #app script, #app b, [onerror], [onmouseover]').count(), 0);
      await page.locator('td', { hasText: '<b onmouseover' }).hover();
      // A reason typed with markup is posted as the same text.
      await page.getByLabel('Reason', { exact: true }).fill(HOSTILE);
      await page.getByRole('button', { name: 'NO-GO', exact: true }).click();
      assert.equal(((await view.waitForPosted((m) => m.type === 'decide')) as Decide).reason, HOSTILE);
      await waitUntil(async () => (await textOf(page, '.result')) !== undefined, 'the result');
      await view.screenshot('go-no-go-dark-hostile');
      await assertClean(view);
    } finally {
      await view.close();
    }
  });

  it('once the release has begun: the decision controls are off and say why', async () => {
    const host = new GoNoGoHost();
    host.decorate = (v) => ({ ...v, canDecide: false, phase: 'in progress' });
    const view = await openReview(harness, { host, theme: 'light' });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      assert.equal(
        await textOf(page, 'h2 + p.muted'),
        'The release has begun: decisions are taken before the first step.',
      );
      for (const control of ['Reason', 'NO-GO: proposed start', 'end'])
        assert.equal(await page.getByLabel(control, { exact: true }).isDisabled(), true, control);
      assert.equal(await page.getByRole('button', { name: 'GO', exact: true }).isDisabled(), true);
      assert.equal(await page.getByRole('button', { name: 'NO-GO', exact: true }).isDisabled(), true);
      assert.deepEqual(
        await page.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).disabled)),
        [true, true],
      );
      assert.equal(await page.getByRole('button', { name: 'Refresh' }).isDisabled(), false);
    } finally {
      await view.close();
    }
  });

  it('works from the keyboard: waive with Space, keep typing through a refresh, decide with Enter', async () => {
    const host = new GoNoGoHost();
    const view = await openReview(harness, { host, theme: 'dark' });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      const focused = () =>
        page.evaluate(() => {
          const e = document.activeElement as HTMLElement | null;
          return e ? (e.tagName === 'BUTTON' ? e.textContent : e.getAttribute('aria-label') || e.id) : null;
        });
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Refresh');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Open Runbook');
      await page.keyboard.press('Enter');
      await view.waitForPosted((m) => m.type === 'open-runbook');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Waive "Every precondition confirmed"');
      await page.keyboard.press('Space');
      await waitUntil(
        async () =>
          (await gateRow(page, 'Every precondition confirmed').locator('td.state').textContent()) === '! waived',
        'the waiver',
      );
      assert.equal(await focused(), 'Waive "Every precondition confirmed"', 'focus stays on the box just ticked');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Waive "Downstream notified"');
      await page.keyboard.press('Space');
      await waitUntil(
        async () => (await gateRow(page, 'Downstream notified').locator('td.state').textContent()) === '! waived',
        'the second waiver',
      );

      await page.getByLabel('Reason', { exact: true }).focus();
      await page.keyboard.type('Board said yes');
      // The host refreshes the view (a save, the board's label arriving) while the coordinator types.
      await view.send(host.view());
      await page.keyboard.type(', go');
      assert.equal(await page.getByLabel('Reason', { exact: true }).inputValue(), 'Board said yes, go');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'proposed-start');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'proposed-end');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'GO');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      assert.equal(outline, 'solid', 'the focused button shows it');
      await view.screenshot('go-no-go-dark-keyboard', false);
      await page.keyboard.press('Enter');
      const decided = (await view.waitForPosted((m) => m.type === 'decide')) as Decide;
      assert.deepEqual(decided, {
        type: 'decide',
        decision: 'go',
        reason: 'Board said yes, go',
        waived: ['preconditions', 'notified'],
      });
      await assertClean(view);
    } finally {
      await view.close();
    }
  });

  it('reads at a narrow width: nothing overflows the panel', async () => {
    const host = new GoNoGoHost();
    const view = await openReview(harness, { host, theme: 'light', width: 420 });
    try {
      const { page } = view;
      await page.waitForSelector('table');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      await view.screenshot('go-no-go-light-narrow');
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the panel`);
      // Each label stays on the line of its field when the row wraps.
      for (const [label, text] of [
        ['NO-GO: proposed start', 'NO-GO: proposed start'],
        ['end', 'end'],
      ]) {
        const field = await page.getByLabel(label, { exact: true }).boundingBox();
        const caption = await page.locator('label', { hasText: new RegExp(`^${text}$`) }).boundingBox();
        assert.ok(
          field &&
            caption &&
            Math.abs(field.y + field.height / 2 - (caption.y + caption.height / 2)) < 2 &&
            field.x > caption.x,
          `${label}: ${JSON.stringify(caption)} beside ${JSON.stringify(field)}`,
        );
      }
    } finally {
      await view.close();
    }
  });
});
