// Headless Chromium around the built Go/No-Go Review panel (test/webview-shared/page-harness.ts):
// the page is goNoGoHtml (same CSP and nonce) with dist/release-go-no-go.js, served from
// 127.0.0.1. The stand-in host below answers the page's messages as client/release/go-no-go-review.ts
// does, with the functions the language server answers it with (server/lsp/go-no-go.ts, the
// transitions) over the release fixture workspace, so what the page shows is what a coordinator
// would see for that runbook.
import { join } from 'node:path';
import { goNoGoHtml } from '../../client/release/go-no-go-html';
import { lintFile } from '../../server/core/run-rules';
import type { ChangeStatusInput } from '../../server/core/release/gates';
import { applyTransition, Transition } from '../../server/core/release/transitions';
import { GoNoGoController, GoNoGoDecision, GoNoGoRecordResult } from '../../client/release/go-no-go-controller';
import { goNoGoView, judgeGates, reviewTransition } from '../../server/lsp/go-no-go';
import { WebviewMessage, parseWebviewMessage, ReviewView, HostMessage } from '../../webview/release/go-no-go-protocol';
import { fixtureText, PAYMENTS, runbookIn, uriOf, workspace } from '../unit/release/release-fixture';
import type { ThemeName } from '../webview-shared/themes';
import * as shared from '../webview-shared/page-harness';

export { waitUntil } from '../webview-shared/page-harness';
export type Harness = shared.Harness;
export const ARTIFACTS = join(shared.ROOT, 'test', 'artifacts', 'release');
export const GO_NO_GO_BUNDLE: shared.BundleSpec = {
  name: 'release-go-no-go',
  entry: 'webview/release/go-no-go-main.ts',
  sources: ['webview/release'],
};

/** The page as the panel sets it; `?title=` stands for the runbook's file name the panel puts in the title. */
export function startHarness(): Promise<Harness> {
  return shared.startHarness({
    bundles: [GO_NO_GO_BUNDLE],
    artifacts: ARTIFACTS,
    pages: {
      '/go-no-go.html': (origin, url) =>
        goNoGoHtml({
          scriptUri: `${origin}/dist/release-go-no-go.js`,
          title: `Go/No-Go: ${url.searchParams.get('title') ?? 'payments-api-2-14'}`,
        }),
    },
  });
}

/** What VS Code's themes define for the colours this page reads beyond test/webview-shared/themes.ts. */
const EXTRA_VARS: Record<ThemeName, Record<string, string>> = {
  dark: {
    'testing-iconPassed': '#73c991',
    'testing-iconFailed': '#f14c4c',
    'inputValidation-warningBackground': '#352a05',
    'inputValidation-warningBorder': '#b89500',
    'input-background': '#313131',
    'input-foreground': '#cccccc',
    'input-border': '#3c3c3c',
  },
  light: {
    'testing-iconPassed': '#388a34',
    'testing-iconFailed': '#f14c4c',
    'inputValidation-warningBackground': '#f6f5d2',
    'inputValidation-warningBorder': '#b89500',
    'input-background': '#ffffff',
    'input-foreground': '#3b3b3b',
    'input-border': '#cecece',
  },
  'high-contrast': {
    'testing-iconPassed': '#73c991',
    'testing-iconFailed': '#f14c4c',
    'inputValidation-warningBackground': '#000000',
    'inputValidation-warningBorder': '#f38518',
    'input-background': '#000000',
    'input-foreground': '#ffffff',
    'input-border': '#6fc3df',
  },
};

export type ReviewPage = shared.WebviewPage<WebviewMessage, HostMessage>;

export interface OpenOptions {
  host: GoNoGoHost;
  theme?: ThemeName;
  width?: number;
  height?: number;
  state?: unknown;
  /** The title the panel is given (the runbook's file name). */
  title?: string;
}

export function openReview(h: Harness, options: OpenOptions): Promise<ReviewPage> {
  return shared.openPage<WebviewMessage, HostMessage>(h, {
    path: `/go-no-go.html?title=${encodeURIComponent(options.title ?? 'payments-api-2-14')}`,
    theme: options.theme,
    width: options.width ?? 1000,
    height: options.height ?? 900,
    state: options.state,
    extraVars: EXTRA_VARS,
    background: 'editor-background',
    respond: (m) => options.host.receive(m),
  });
}

/** Release-day instants in Berlin: the meeting runs before the window of 2026-12-02 22:00. */
const NOW = Date.parse('2026-12-02T20:40:00Z');

/**
 * The extension host's side of the panel for the payments fixture runbook: the runbook's text,
 * who records, what the board said. Each message the page posts is checked with parseWebviewMessage
 * (as the panel's channel does) and handled by the product's own GoNoGoController
 * (client/release/go-no-go-controller.ts); its effects are what the language server does with a
 * record (server/lsp/go-no-go.ts, the transitions), and the view the panel posts after it.
 */
export class GoNoGoHost {
  /** Messages accepted, as the host read them. */
  readonly received: WebviewMessage[] = [];
  /** Messages the host refused (not well-formed). */
  readonly refused: unknown[] = [];
  /** What the panel offered after a record: to start the release, to update the change request. */
  readonly offers: string[] = [];
  text: string;
  user?: string = '@alice';
  change?: ChangeStatusInput = { ticket: 'acme/releases#1', state: 'open', cab: 'approved', cabLabel: 'cab:approved' };
  changeUnknownReason = 'not read yet';
  notices: string[] = [];
  /** What postDecision answers. */
  posted = 'Posted on acme/releases#1.';
  /** Changes to the view after it is built (hostile text, extra notices). */
  decorate: (view: ReviewView) => ReviewView = (v) => v;
  /** What the controller posted while it handled the current message. */
  private readonly outbox: HostMessage[] = [];
  private readonly controller = new GoNoGoController({
    post: (message) => this.outbox.push(message),
    record: async (transition) => this.record(transition),
    showView: async () => {
      this.outbox.push(this.view());
    },
    openRunbook: async () => undefined,
    postDecision: async () => this.posted,
    offerChangeRequestUpdate: async () => {
      this.offers.push('update the change request');
    },
    offerStartRelease: (state) => this.offers.push(`start ${state.title}`),
    texts: {
      windowApplied: "The proposed window is now the runbook's window (saved). Take a new go/no-go decision for it.",
    },
  });

  constructor(text = fixtureText(PAYMENTS)) {
    this.text = text;
  }

  async receive(raw: unknown): Promise<HostMessage[] | undefined> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.refused.push(raw);
      return undefined;
    }
    this.received.push(message);
    await this.controller.receive(message);
    return this.outbox.splice(0);
  }

  /** The view message ReviewPanel.update() posts. */
  view(): HostMessage {
    const { index, runbook, diagnostics } = this.evaluate();
    const { view } = goNoGoView(index, runbook, diagnostics, this.evidence(), NOW);
    return {
      type: 'view',
      view: this.decorate({ ...view, user: this.user, notices: [...view.notices, ...this.notices] }),
    };
  }

  private evidence() {
    return { change: this.change, changeUnknownReason: this.changeUnknownReason };
  }

  private evaluate() {
    const index = workspace({ [PAYMENTS]: this.text });
    const runbook = runbookIn(index);
    const zone = index.zoneFor(runbook);
    const diagnostics = lintFile(index, uriOf(PAYMENTS));
    return { index, runbook, diagnostics, zone };
  }

  /**
   * What the record writer and the server do with a record: a decision judged against the gates
   * as they stand, the transition applied to the text, and then the view the panel posts when
   * the writer says the runbook was recorded.
   */
  private record(transition: Transition | GoNoGoDecision): GoNoGoRecordResult {
    if (!this.user) return { ok: false, error: 'who is recording is not known' };
    let applied: Transition = transition as Transition;
    if (transition.kind === 'review-decision') {
      const { index, runbook, diagnostics, zone } = this.evaluate();
      const decided = reviewTransition(judgeGates(index, runbook, diagnostics, this.evidence(), NOW), transition, zone);
      if (!decided.ok) return decided;
      applied = decided.transition;
    }
    const result = applyTransition(uriOf(PAYMENTS), this.text, applied, {
      by: this.user,
      now: NOW,
      zone: 'Europe/Berlin',
    });
    if (!result.ok) return result;
    this.text = result.text;
    this.outbox.push(this.view());
    return { ok: true, state: result.state };
  }
}
