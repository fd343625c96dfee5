// The Go/No-Go Review panel (bundle dist/release-go-no-go.js): the gates with their evidence, the
// preconditions to confirm, the notify list to acknowledge, and the decision. Every text is set
// with textContent; the extension checks and records, the page only asks.
import { acceptMessage } from '../message-guard';
import { vsCodeApi } from '../vscode-api';
import { GateView, parseHostMessage, ReviewView, WebviewMessage } from './go-no-go-protocol';

const vscode = vsCodeApi<WebviewMessage>();
const app = document.getElementById('app')!;
/** What the user typed survives re-renders (a refresh arrives while they write the reason). */
const draft =
  (vscode.getState() as { reason?: string; waived?: string[]; start?: string; end?: string } | undefined) ?? {};
let view: ReviewView | undefined;
let busy = false;
let result: { ok: boolean; message: string } | undefined;
/**
 * The id of the control the user is on. Every message re-renders the page, which would drop the
 * focus (a keyboard user ticking a waiver, or typing the reason while a refresh arrives, would
 * find themselves back at the top): render() puts it back, once the control exists and is enabled.
 */
let focusKey: string | undefined;
let rendering = false;
app.addEventListener('focusin', (event) => (focusKey = (event.target as HTMLElement).id || undefined));
app.addEventListener('focusout', (event) => {
  if (!rendering && !event.relatedTarget) focusKey = undefined;
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = acceptMessage(parseHostMessage, event.data, 'go/no-go review');
  if (!message) return;
  if (message.type === 'view') {
    view = message.view;
    if (!draft.start && view.proposed) {
      draft.start = view.proposed.start;
      draft.end = view.proposed.end;
    }
  } else if (message.type === 'busy') busy = message.busy;
  else if (message.type === 'result') {
    result = { ok: message.ok, message: message.message };
    if (message.ok) draft.reason = '';
    save();
  }
  render();
});
vscode.postMessage({ type: 'ready' });

function save(): void {
  vscode.setState(draft);
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { text?: string; className?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  for (const child of children) node.append(child);
  return node;
}

function button(
  id: string,
  label: string,
  onClick: () => void,
  options: { secondary?: boolean; disabled?: boolean; title?: string } = {},
): HTMLButtonElement {
  const b = el('button', { text: label, className: options.secondary ? 'secondary' : '' });
  b.id = id;
  b.disabled = !!options.disabled || busy;
  if (options.title) b.title = options.title;
  b.addEventListener('click', onClick);
  return b;
}

function render(): void {
  if (!view) return;
  const active = document.activeElement;
  const selection =
    active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type === 'text')
      ? [active.selectionStart, active.selectionEnd]
      : undefined;
  rendering = true;
  try {
    build(view);
  } finally {
    rendering = false;
  }
  const target = focusKey ? document.getElementById(focusKey) : null;
  if (
    target &&
    !(target as HTMLButtonElement).disabled &&
    (document.activeElement === document.body || !document.activeElement)
  ) {
    target.focus();
    if (selection && (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement))
      target.setSelectionRange(selection[0], selection[1]);
  }
}

function build(v: ReviewView): void {
  const waived = new Set(draft.waived ?? []);
  const failing = v.gates.filter((g) => g.state === 'fail');
  const canGo = failing.every((g) => waived.has(g.id));
  app.replaceChildren();

  app.append(el('h1', { text: `Go/No-Go: ${v.title}` }));
  app.append(
    el('p', {
      className: 'muted',
      text: `${v.runbookId} · ${v.window} · ${v.phase}${v.user ? ` · recording as ${v.user}` : ''}`,
    }),
  );
  const tools = el('div', { className: 'row' });
  tools.append(
    button('refresh', 'Refresh', () => vscode.postMessage({ type: 'refresh' }), { secondary: true }),
    button('open-runbook', 'Open Runbook', () => vscode.postMessage({ type: 'open-runbook' }), { secondary: true }),
  );
  app.append(tools);
  for (const notice of v.notices) app.append(el('div', { className: 'notice', text: notice }));

  app.append(el('h2', { text: `Gates: ${v.gates.length - failing.length} of ${v.gates.length} pass` }));
  const table = el('table');
  table.append(
    el(
      'tr',
      {},
      el('th', { text: 'Gate' }),
      el('th', { text: 'State' }),
      el('th', { text: 'Evidence' }),
      el('th', { text: 'Waive' }),
    ),
  );
  for (const gate of v.gates) table.append(gateRow(gate, waived, v.canDecide));
  app.append(table);

  if (v.preconditions.length) {
    app.append(el('h2', { text: 'Preconditions' }));
    const list = el('table');
    for (const p of v.preconditions) {
      const action = p.confirmed
        ? el('span', { className: 'pass', text: p.confirmed })
        : button(`confirm-${p.id}`, 'Confirm', () => vscode.postMessage({ type: 'confirm', id: p.id }), {
            disabled: !v.canDecide,
          });
      list.append(el('tr', {}, el('td', { text: p.id }), el('td', { text: p.check }), el('td', {}, action)));
    }
    app.append(list);
  }

  if (v.notify.channels.length) {
    app.append(el('h2', { text: 'Downstream notified' }));
    const row = el('div', { className: 'row' });
    row.append(el('span', { text: v.notify.channels.join(', ') }));
    if (v.notify.acknowledged) row.append(el('span', { className: 'muted', text: `· ${v.notify.acknowledged}` }));
    row.append(
      button(
        'acknowledge',
        v.notify.acknowledged ? 'Acknowledge Again' : 'Mark Notified',
        () => vscode.postMessage({ type: 'acknowledge' }),
        { secondary: !!v.notify.acknowledged, disabled: !v.canDecide },
      ),
    );
    app.append(row);
  }

  app.append(el('h2', { text: 'Decision' }));
  if (!v.canDecide)
    app.append(
      el('p', { className: 'muted', text: 'The release has begun: decisions are taken before the first step.' }),
    );
  const reason = el('textarea');
  reason.id = 'reason';
  reason.placeholder = 'Reason (required): what the decision rests on';
  reason.value = draft.reason ?? '';
  reason.disabled = !v.canDecide || busy;
  reason.addEventListener('input', () => {
    draft.reason = reason.value;
    save();
    refreshButtons();
  });
  const reasonLabel = el('label', { text: 'Reason' });
  reasonLabel.htmlFor = 'reason';
  app.append(reasonLabel, reason);

  const windowRow = el('div', { className: 'row' });
  const start = input('proposed-start', draft.start ?? '', v.canDecide, (value) => (draft.start = value));
  const end = input('proposed-end', draft.end ?? '', v.canDecide, (value) => (draft.end = value));
  // Each label with its field, so that a narrow panel wraps between the pairs, not inside one.
  windowRow.append(
    el('span', { className: 'field' }, label('proposed-start', 'NO-GO: proposed start'), start),
    el('span', { className: 'field' }, label('proposed-end', 'end'), end),
  );
  app.append(windowRow);
  if (v.proposedProblem) app.append(el('p', { className: 'muted', text: `No window proposed: ${v.proposedProblem}` }));
  if (v.applicable) {
    // After a NO-GO: its proposed window written into the runbook, not copied by hand.
    const applyRow = el('div', { className: 'row' });
    applyRow.append(
      el('span', { text: `The last NO-GO proposed ${v.applicable.window}.` }),
      button('apply-window', 'Apply the Proposed Window', () => vscode.postMessage({ type: 'apply-window' }), {
        disabled: busy,
        title: v.applicable.updatesChangeRequest
          ? 'Writes the window into the runbook, then offers to update the change request'
          : 'Writes the window into the runbook',
      }),
    );
    app.append(applyRow);
  }

  const decide = el('div', { className: 'row' });
  const go = button('go', 'GO', () => send('go'), { disabled: true, title: 'Every gate must pass or be waived' });
  const nogo = button('no-go', 'NO-GO', () => send('no-go'), { secondary: true, disabled: true });
  decide.append(go, nogo);
  app.append(decide);
  const refreshButtons = () => {
    const hasReason = !!(draft.reason ?? '').trim();
    go.disabled = busy || !v.canDecide || !hasReason || !canGo;
    nogo.disabled = busy || !v.canDecide || !hasReason;
  };
  refreshButtons();
  if (result) app.append(el('p', { className: `result${result.ok ? '' : ' error'}`, text: result.message }));

  if (v.decisions.length) {
    app.append(el('h2', { text: 'Decisions so far' }));
    const history = el('ul');
    for (const d of v.decisions) {
      const word = el('strong', {
        className: d.decision === 'go' ? 'pass' : 'fail',
        text: d.decision === 'go' ? 'GO' : 'NO-GO',
      });
      history.append(el('li', {}, word, ` by ${d.by} at ${d.at}: ${d.reason}`));
    }
    app.append(history);
  }
}

function gateRow(gate: GateView, waived: Set<string>, canDecide: boolean): HTMLTableRowElement {
  const isWaived = gate.state === 'fail' && waived.has(gate.id);
  const stateText = gate.state === 'pass' ? '✓ pass' : isWaived ? '! waived' : '✗ fail';
  const evidence = el('td', {}, el('div', { text: gate.evidence }));
  if (gate.details.length) {
    const list = el('ul', { className: 'details' });
    for (const line of gate.details) list.append(el('li', { text: line }));
    evidence.append(list);
  }
  const waive = el('td');
  if (gate.state === 'fail') {
    const box = el('input');
    box.type = 'checkbox';
    box.id = `waive-${gate.id}`;
    box.checked = isWaived;
    box.disabled = !canDecide || busy;
    box.setAttribute('aria-label', `Waive "${gate.title}"`);
    box.addEventListener('change', () => {
      const set = new Set(draft.waived ?? []);
      if (box.checked) set.add(gate.id);
      else set.delete(gate.id);
      draft.waived = [...set];
      save();
      render();
    });
    waive.append(box);
  }
  return el(
    'tr',
    {},
    el('td', { text: gate.title }),
    el('td', { className: `state ${isWaived ? 'waived' : gate.state}`, text: stateText }),
    evidence,
    waive,
  );
}

function input(id: string, value: string, canDecide: boolean, onInput: (value: string) => void): HTMLInputElement {
  const box = el('input');
  box.type = 'text';
  box.id = id;
  box.value = value;
  box.placeholder = '2026-12-03T22:00:00+01:00';
  box.disabled = busy || !canDecide;
  box.addEventListener('input', () => {
    onInput(box.value);
    save();
  });
  return box;
}

function label(forId: string, text: string): HTMLLabelElement {
  const l = el('label', { text });
  l.htmlFor = forId;
  return l;
}

function send(decision: 'go' | 'no-go'): void {
  const proposedWindow =
    decision === 'no-go' && draft.start?.trim() && draft.end?.trim()
      ? { start: draft.start.trim(), end: draft.end.trim() }
      : undefined;
  const failing = new Set(view?.gates.filter((g) => g.state === 'fail').map((g) => g.id));
  vscode.postMessage({
    type: 'decide',
    decision,
    reason: draft.reason ?? '',
    waived: (draft.waived ?? []).filter((w) => failing.has(w)),
    proposedWindow,
  });
}
