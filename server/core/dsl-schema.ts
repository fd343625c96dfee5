// The DSL's shape, written once: the rules (RB002, RB003, RB004), completion, hover and the
// JSON Schemas all read it, so that they cannot drift apart (a test compares the schemas to it).

export type ScalarFormat =
  | 'string' // any scalar, shown as text
  | 'markdown'
  | 'runbook-id' // [a-z0-9][a-z0-9-]*
  | 'id' // a step, rollback, precondition, verification, freeze or maintenance id
  | 'handle' // "@alice" or "@org/team"
  | 'instant'
  | 'duration'
  | 'timezone'
  | 'rrule'
  | 'time-of-day' // "02:00"
  | 'date' // 2026-12-01
  | 'boolean'
  | 'ticket' // owner/repo#123
  | 'enum';

export type TypeSpec =
  | { kind: 'scalar'; format: ScalarFormat; values?: readonly string[] }
  | { kind: 'object'; object: ObjectName }
  | { kind: 'list'; item: TypeSpec };

export interface FieldSpec {
  doc: string;
  type: TypeSpec;
  required?: boolean;
  /** A reference to another id; completion and go-to-definition follow it. */
  references?: 'rollback-step' | 'runbook' | 'environment';
  example?: string;
}

export interface ObjectSpec {
  doc: string;
  fields: Record<string, FieldSpec>;
}

export type ObjectName =
  | 'runbook'
  | 'window'
  | 'change'
  | 'precondition'
  | 'step'
  | 'verify-check'
  | 'rollback'
  | 'rollback-step'
  | 'verification-check'
  | 'outcome'
  | 'change-commits'
  | 'announce'
  | 'calendar'
  | 'approvals'
  | 'approvers'
  | 'approval-counts'
  | 'channel'
  | 'source'
  | 'booking'
  | 'access-request'
  | 'provisioning-request'
  | 'environment'
  | 'freeze'
  | 'maintenance'
  // The release-day record (written by the editor's release commands).
  | 'release'
  | 'release-notified'
  | 'release-confirmation'
  | 'release-decision'
  | 'release-gates'
  | 'gate-result'
  | 'release-step'
  | 'release-rollback'
  | 'release-verification'
  | 'release-announcement';

export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export const RISKS = ['low', 'medium', 'high', 'critical'] as const;
export const OUTCOME_RESULTS = ['success', 'rolled-back', 'failed', 'cancelled'] as const;
export const RELEASE_DECISIONS = ['go', 'no-go'] as const;
export const GATE_STATES = ['pass', 'fail', 'waived'] as const;
export const STEP_STATUSES = ['started', 'done', 'failed', 'skipped'] as const;
export const VERIFICATION_RESULTS = ['pass', 'fail', 'skipped'] as const;
/** The moments a release is announced at, in the order they happen. */
export const ANNOUNCE_MOMENTS = ['scheduled', 'decided', 'started', 'finished', 'rolled-back', 'delayed'] as const;
export const CHANNEL_TYPES = ['slack', 'teams', 'email', 'status-comment'] as const;
/** `sending` is written before a send and replaced after it: one left behind means a crash mid-send. */
export const ANNOUNCEMENT_RESULTS = ['sending', 'sent', 'failed'] as const;
/** The go/no-go gates, in the order the review shows them, with what each one asks. */
export const GATES = {
  'no-errors': 'No errors in the runbook',
  preconditions: 'Every precondition confirmed',
  'rollback-plan': 'Rollback plan documented',
  'cab-approval': 'Change advisory board approved',
  'no-freeze': 'Window outside every freeze',
  dependencies: 'Every dependency finished successfully',
  'owner-on-call': 'Owner and on-call named',
  notified: 'Downstream notified',
  window: 'Window now or upcoming and still valid',
  'no-clash': 'No clash with the same service (RB014)',
  access: 'Release access granted for the window',
} as const;

const str = (format: ScalarFormat = 'string'): TypeSpec => ({ kind: 'scalar', format });
const enumOf = (values: readonly string[]): TypeSpec => ({ kind: 'scalar', format: 'enum', values });
const obj = (object: ObjectName): TypeSpec => ({ kind: 'object', object });
const list = (item: TypeSpec): TypeSpec => ({ kind: 'list', item });

const step: Record<string, FieldSpec> = {
  id: {
    doc: 'Id of the step, unique among the ids of this runbook (preconditions, steps, rollback steps, verifications).',
    type: str('id'),
    required: true,
    example: 'migrate',
  },
  title: { doc: 'What the step does, in a few words.', type: str(), example: 'Apply schema migration 0042' },
  description: { doc: 'Longer instructions, in Markdown.', type: str('markdown') },
  owner: {
    doc: 'Who performs the step (GitHub handle); defaults to the runbook owner.',
    type: str('handle'),
    example: '"@carol"',
  },
  run: {
    doc: 'The command or action performed. Shown, never run by the linter. A step with `run` needs `rollback` or `irreversible: true` (RB010).',
    type: str(),
    example: './scripts/deploy.sh',
  },
  timeout: {
    doc: 'Expected upper bound of the step, a duration such as `15m` or `1h30m`. The timeouts of all steps should fit in the window (RB008).',
    type: str('duration'),
    example: '15m',
  },
  rollback: {
    doc: 'Id of the rollback step (under `rollback.steps`) that undoes this step.',
    type: str('id'),
    references: 'rollback-step',
  },
  irreversible: { doc: '`true` acknowledges that this step has no rollback.', type: str('boolean') },
  verify: { doc: 'Checks made right after the step.', type: list(obj('verify-check')) },
};

export const DSL: Record<ObjectName, ObjectSpec> = {
  runbook: {
    doc: 'One runbook: one release, migration or maintenance change.',
    fields: {
      runbook: {
        doc: 'Id of the runbook, unique in the workspace: lower-case letters, digits and dashes (`[a-z0-9][a-z0-9-]*`).',
        type: str('runbook-id'),
        required: true,
        example: 'payments-api-2-14',
      },
      title: {
        doc: 'Title of the change, used in the calendar and as the change request title.',
        type: str(),
        required: true,
      },
      service: {
        doc: 'The service changed. Two runbooks for the same service and environment should not overlap (RB014).',
        type: str(),
      },
      version: { doc: 'The version released (optional).', type: str() },
      environment: {
        doc: 'The environment changed; must be defined by the calendar when it defines environments (RB018).',
        type: str(),
        required: true,
        references: 'environment',
      },
      team: { doc: 'The team that owns the change (optional).', type: str() },
      owner: { doc: 'Release owner, a GitHub handle such as `"@alice"`.', type: str('handle') },
      'on-call': { doc: 'Who is on call during the window, a GitHub handle.', type: str('handle') },
      timezone: {
        doc: "IANA time zone (`Europe/Berlin`) for instants written without an offset; else the calendar's zone, else UTC.",
        type: str('timezone'),
      },
      window: {
        doc: 'When the change happens: `start` and exactly one of `end` or `duration`. Intervals are half-open.',
        type: obj('window'),
        required: true,
      },
      change: { doc: 'Change-management data: type, risk, justification, ticket, approvers.', type: obj('change') },
      'depends-on': {
        doc: 'Runbook ids whose windows must end before this window starts (RB012).',
        type: list({ kind: 'scalar', format: 'runbook-id' }),
        references: 'runbook',
      },
      notify: { doc: 'Channels and handles to tell about the change (free text).', type: list(str()) },
      preconditions: { doc: 'The go/no-go checklist.', type: list(obj('precondition')) },
      steps: { doc: 'The steps, in order. At least one.', type: list(obj('step')), required: true },
      rollback: {
        doc: 'The rollback plan: what triggers it, who decides, and the rollback steps.',
        type: obj('rollback'),
      },
      verification: { doc: 'Post-deployment verification checks.', type: list(obj('verification-check')) },
      outcome: { doc: 'How the release went, recorded after the window.', type: obj('outcome') },
      access: {
        doc: 'Access the change needs (production access for the window): each request is filed as an `access-request` issue by `runbook request`, and its end is flagged once passed (RB041) so that it gets revoked.',
        type: list(obj('access-request')),
      },
      provisioning: {
        doc: 'What must be provisioned for the change (a replica, a bucket, a DNS name), each filed as a `provisioning-request` issue by `runbook request`.',
        type: list(obj('provisioning-request')),
      },
      announce: {
        doc: 'What the announcements and release notes tell people, in their language: audience, summary, customer impact, contact.',
        type: obj('announce'),
      },
      release: {
        doc: "The release-day record, written by the editor's release commands: go/no-go decisions, step progress, the rollback and the verification. The file is the state; its git history is the audit trail.",
        type: obj('release'),
      },
    },
  },
  window: {
    doc: 'The change window.',
    fields: {
      start: {
        doc: 'Start instant, ISO 8601 (`2026-12-02T22:00`, or with an offset `2026-12-02T22:00:00+01:00`).',
        type: str('instant'),
        required: true,
      },
      end: { doc: 'End instant (exclusive). Give `end` or `duration`, not both.', type: str('instant') },
      duration: {
        doc: 'Length of the window (`2h`, `1h30m`, `PT2H`). Give `end` or `duration`, not both.',
        type: str('duration'),
      },
    },
  },
  change: {
    doc: 'Change-management data for the change advisory board.',
    fields: {
      type: {
        doc: '`standard` (pre-approved), `normal` (goes through CAB) or `emergency` (needs `justification`).',
        type: enumOf(CHANGE_TYPES),
      },
      risk: { doc: 'Risk of the change: `low`, `medium`, `high` or `critical`.', type: enumOf(RISKS) },
      justification: {
        doc: 'Why the change cannot wait; required when `type` is `emergency` (RB015).',
        type: str('markdown'),
      },
      ticket: {
        doc: 'The change request issue, `owner/repo#number`; written by the editor after submission.',
        type: str('ticket'),
      },
      approvers: { doc: 'Who approves the change (GitHub handles or teams).', type: list(str('handle')) },
      // Release metrics (docs, "Release metrics"): change lead time counts from these.
      submitted: {
        doc: 'When the change request was first filed, an instant with its offset; written by the editor (or `runbook submit`) together with the first `ticket`. Change lead time counts from it.',
        type: str('instant'),
        example: '2026-11-20T10:15:00+01:00',
      },
      commits: {
        doc: 'The commits this change releases, as a git range (`from` is the previous release, `to` this one); change lead time also counts from the oldest of them.',
        type: obj('change-commits'),
      },
    },
  },
  'change-commits': {
    doc: 'A git range: the commits reachable from `to` but not from `from`, as `git log from..to` lists them.',
    fields: {
      from: {
        doc: 'Tag or commit of the previous release (not part of this change), e.g. `v2.13.4`.',
        type: str(),
        required: true,
        example: 'v2.13.4',
      },
      to: {
        doc: 'Tag or commit this change releases, e.g. `v2.14.0`.',
        type: str(),
        required: true,
        example: 'v2.14.0',
      },
      path: {
        doc: "The git repository holding the commits: a folder relative to the runbook's folder (default: the repository the runbook is in).",
        type: str(),
        example: '../payments-api',
      },
    },
  },
  announce: {
    doc: 'The plain-language part of the release notes and announcements.',
    fields: {
      audience: { doc: 'Who the announcements are for, e.g. "Customer support and account managers".', type: str() },
      summary: {
        doc: 'What changes, in plain language, in Markdown; opens the release notes and every announcement.',
        type: str('markdown'),
      },
      'customer-impact': {
        doc: 'What customers notice during and after the change, in Markdown (downtime, new behaviour, nothing).',
        type: str('markdown'),
      },
      contact: {
        doc: 'Whom to ask about the change: a GitHub handle, a chat channel or a mail address.',
        type: str(),
        example: '"#payments-release"',
      },
    },
  },
  precondition: {
    doc: 'A go/no-go check.',
    fields: {
      id: { doc: 'Id of the precondition, unique among the ids of this runbook.', type: str('id'), required: true },
      check: { doc: 'What must be true before the window starts.', type: str(), required: true },
      command: { doc: 'A command that shows the check (shown, never run by the linter).', type: str() },
    },
  },
  step: { doc: 'A step of the change.', fields: step },
  'verify-check': {
    doc: 'A check made right after a step.',
    fields: {
      check: { doc: 'What to check.', type: str(), required: true },
      command: { doc: 'A command that shows the check (shown, never run).', type: str() },
    },
  },
  rollback: {
    doc: 'The rollback plan.',
    fields: {
      trigger: { doc: 'When to roll back, e.g. "Error rate above 2% for 5 minutes".', type: str() },
      decision: { doc: 'Who calls the rollback (GitHub handle).', type: str('handle') },
      steps: {
        doc: 'The rollback steps; steps refer to them by id through their `rollback` key.',
        type: list(obj('rollback-step')),
      },
    },
  },
  'rollback-step': {
    doc: 'A rollback step.',
    fields: {
      id: step.id,
      title: step.title,
      description: step.description,
      owner: step.owner,
      run: { doc: 'The command or action that rolls back.', type: str() },
      timeout: step.timeout,
      verify: step.verify,
    },
  },
  'verification-check': {
    doc: 'A post-deployment verification check.',
    fields: {
      id: { doc: 'Id of the check, unique among the ids of this runbook.', type: str('id') },
      check: { doc: 'What to verify after the deployment.', type: str(), required: true },
      command: { doc: 'A command that shows the check (shown, never run).', type: str() },
    },
  },
  outcome: {
    doc: 'How the release went, recorded after the window.',
    fields: {
      result: {
        doc: '`success`, `rolled-back`, `failed` or `cancelled`.',
        type: enumOf(OUTCOME_RESULTS),
        required: true,
      },
      started: { doc: 'When the work really started (instant).', type: str('instant') },
      finished: { doc: 'When the work really finished (instant).', type: str('instant') },
      notes: { doc: 'What happened, in Markdown.', type: str('markdown') },
    },
  },
  calendar: {
    doc: 'The release calendar: environments, freeze periods, maintenance windows. Several calendar files merge.',
    fields: {
      calendar: { doc: 'Id of the calendar.', type: str('runbook-id') },
      timezone: {
        doc: 'IANA time zone of the calendar; instants without offset and recurrences are read in it.',
        type: str('timezone'),
      },
      environments: { doc: 'The environments changes go to.', type: list(obj('environment')) },
      freezes: { doc: 'Freeze periods: no change may overlap them (RB009).', type: list(obj('freeze')) },
      maintenance: {
        doc: 'Maintenance windows; changes to `maintenance-only` environments must sit inside one (RB019).',
        type: list(obj('maintenance')),
      },
      channels: {
        doc: 'Where releases are announced (`runbook announce`): Slack and Teams incoming webhooks and mail, per environment or team.',
        type: list(obj('channel')),
      },
      bookings: {
        doc: 'Reservations of shared environments by a team (a test campaign, a demo, a dry run); a change by another team in a booked environment is RB038.',
        type: list(obj('booking')),
      },
      sources: {
        doc: 'Other repositories whose runbooks and calendars join this calendar (read through the GitHub API by `runbook ... --sources`).',
        type: list(obj('source')),
      },
      approvals: {
        doc: 'The change advisory board: who approves change requests and how many approvals each risk level needs. With a board, an approval counts only when a named approver gave it (RB043 flags a board that cannot work).',
        type: obj('approvals'),
      },
    },
  },
  approvals: {
    doc: "The change advisory board. An approval is the approval label added by an approver, or an approver's `/approve` comment, given since the change request last changed materially.",
    fields: {
      approvers: { doc: 'Who may approve: GitHub users and teams.', type: obj('approvers'), required: true },
      required: {
        doc: 'How many different approvers a change of each risk level needs (default 1; a change without a risk needs the largest count).',
        type: obj('approval-counts'),
      },
    },
  },
  approvers: {
    doc: 'The approvers of the change advisory board.',
    fields: {
      users: {
        doc: 'GitHub users who approve, as handles (`"@alice"`).',
        type: list(str('handle')),
        example: '["@alice", "@bob"]',
      },
      teams: {
        doc: 'GitHub teams whose members approve, as `org/team-slug`.',
        type: list(str()),
        example: '[acme/release-board]',
      },
    },
  },
  'approval-counts': {
    doc: 'Approvals needed per risk level.',
    fields: {
      low: { doc: 'Approvals a `low` risk change needs.', type: str(), example: '1' },
      medium: { doc: 'Approvals a `medium` risk change needs.', type: str(), example: '1' },
      high: { doc: 'Approvals a `high` risk change needs.', type: str(), example: '2' },
      critical: { doc: 'Approvals a `critical` risk change needs.', type: str(), example: '2' },
    },
  },
  source: {
    doc: 'Another repository to read runbooks and calendars from.',
    fields: {
      repository: { doc: 'The repository, `owner/name`.', type: str(), required: true, example: 'acme/payments' },
      path: {
        doc: 'Only files under this folder of the repository (default: the whole repository).',
        type: str(),
        example: 'deploy/runbooks',
      },
      ref: { doc: 'Branch, tag or commit to read (default: the default branch).', type: str(), example: 'main' },
    },
  },
  channel: {
    doc: 'An announcement channel. Secrets (webhook URLs, SMTP passwords) are never written here: name the environment variable that holds them.',
    fields: {
      id: {
        doc: 'Id of the channel, unique across calendar files; the release record names it.',
        type: str('id'),
        required: true,
        example: 'ops-slack',
      },
      type: {
        doc: "`slack` (incoming webhook, Block Kit), `teams` (incoming webhook, Adaptive Card), `email` (SMTP with STARTTLS) or `status-comment` (the announcement shown in the change request's status comment; sent by the editor).",
        type: enumOf(CHANNEL_TYPES),
        required: true,
      },
      'webhook-env': {
        doc: 'For `slack` and `teams`: the name of the environment variable that holds the webhook URL (the URL is a secret).',
        type: str(),
        example: 'SLACK_OPS_WEBHOOK',
      },
      'smtp-host': {
        doc: 'For `email`: the SMTP server; the connection is upgraded with STARTTLS (port 587 by default).',
        type: str(),
        example: 'smtp.example.com',
      },
      'smtp-port': { doc: 'For `email`: the SMTP port (default 587).', type: str() },
      'smtp-user-env': {
        doc: 'For `email`: the name of the environment variable that holds the SMTP user name.',
        type: str(),
        example: 'SMTP_USER',
      },
      'smtp-password-env': {
        doc: 'For `email`: the name of the environment variable that holds the SMTP password.',
        type: str(),
        example: 'SMTP_PASSWORD',
      },
      from: { doc: 'For `email`: the sender address.', type: str(), example: 'releases@example.com' },
      to: { doc: "For `email`: the recipients' addresses.", type: list(str()) },
      environments: {
        doc: 'Announce changes to these environments only; all when absent.',
        type: list(str('id')),
        references: 'environment',
      },
      teams: {
        doc: "Announce changes of these teams (the runbook's `team`) only; all when absent.",
        type: list(str()),
      },
      moments: {
        doc: 'Announce these moments only (`scheduled`, `decided`, `started`, `finished`, `rolled-back`, `delayed`); all when absent.',
        type: list(enumOf(ANNOUNCE_MOMENTS)),
      },
    },
  },
  environment: {
    doc: 'An environment.',
    fields: {
      name: { doc: 'Name of the environment, as runbooks write it in `environment`.', type: str('id'), required: true },
      'maintenance-only': {
        doc: '`true`: changes must sit inside a maintenance window (RB019).',
        type: str('boolean'),
      },
      production: {
        doc: '`true` marks a production environment (besides those named `production` or `prod`).',
        type: str('boolean'),
      },
    },
  },
  freeze: {
    doc: 'A freeze period: either `start` with `end` or `duration`, or `rrule` with `start-time` and `duration`.',
    fields: {
      id: { doc: 'Id of the freeze, unique across calendar files (RB031).', type: str('id'), required: true },
      title: { doc: 'Name of the freeze, e.g. "Year-end code freeze".', type: str() },
      start: { doc: 'Start instant of a one-off freeze.', type: str('instant') },
      end: { doc: 'End instant (exclusive) of a one-off freeze.', type: str('instant') },
      duration: { doc: 'Length of each period (`30h`).', type: str('duration') },
      rrule: {
        doc: "RFC 5545 recurrence rule (`FREQ=MONTHLY;BYMONTHDAY=-1`), expanded in the calendar's zone; one that never occurs is RB032.",
        type: str('rrule'),
      },
      'start-time': { doc: 'Local start time of each occurrence, `"HH:MM"`.', type: str('time-of-day') },
      from: { doc: 'First date the recurrence applies (optional).', type: str('date') },
      until: { doc: 'Last date the recurrence applies (optional).', type: str('date') },
      environments: {
        doc: 'Environments the freeze covers; all when absent.',
        type: list(str('id')),
        references: 'environment',
      },
    },
  },
  maintenance: {
    doc: 'A maintenance window: either `start` with `end` or `duration`, or `rrule` with `start-time` and `duration`.',
    fields: {
      id: { doc: 'Id of the maintenance window.', type: str('id'), required: true },
      title: { doc: 'Name of the maintenance window.', type: str() },
      start: { doc: 'Start instant of a one-off window.', type: str('instant') },
      end: { doc: 'End instant (exclusive) of a one-off window.', type: str('instant') },
      duration: { doc: 'Length of each window (`4h`).', type: str('duration') },
      rrule: {
        doc: "RFC 5545 recurrence rule (`FREQ=WEEKLY;BYDAY=SU`), expanded in the calendar's zone; one that never occurs is RB032.",
        type: str('rrule'),
      },
      'start-time': { doc: 'Local start time of each occurrence, `"HH:MM"`.', type: str('time-of-day') },
      from: { doc: 'First date the recurrence applies (optional).', type: str('date') },
      until: { doc: 'Last date the recurrence applies (optional).', type: str('date') },
      environments: {
        doc: 'Environments the window serves; all when absent.',
        type: list(str('id')),
        references: 'environment',
      },
      team: { doc: 'The team that owns the maintenance (infrastructure, a database team).', type: str() },
      services: {
        doc: 'Services the maintenance affects; their runbooks inside it get an information (RB040), and the weekly report lists it.',
        type: list(str()),
      },
      impact: {
        doc: 'What the affected services notice during the maintenance ("read-only for up to 10 minutes").',
        type: str(),
      },
    },
  },
  booking: {
    doc: 'A team reserves an environment: either `start` with `end` or `duration`, or `rrule` with `start-time` and `duration` (the same time forms as a freeze).',
    fields: {
      id: { doc: 'Id of the booking.', type: str('id'), required: true },
      environment: {
        doc: 'The environment booked; one the calendar defines (RB039).',
        type: str('id'),
        required: true,
        references: 'environment',
      },
      team: { doc: 'The team that booked it; runbooks of the same `team` may use it.', type: str(), required: true },
      purpose: { doc: 'What the environment is booked for ("Performance test campaign").', type: str() },
      contact: {
        doc: 'Whom to ask about the booking: a GitHub handle, a chat channel or a mail address.',
        type: str(),
        example: '"@dana"',
      },
      exclusive: {
        doc: '`true`: nobody else may change the environment meanwhile (a change by another team is an error, not a warning).',
        type: str('boolean'),
      },
      start: { doc: 'Start instant of a one-off booking.', type: str('instant') },
      end: { doc: 'End instant (exclusive) of a one-off booking.', type: str('instant') },
      duration: { doc: 'Length of the booking, or of each occurrence (`3d`).', type: str('duration') },
      rrule: {
        doc: "RFC 5545 recurrence rule of a recurring booking (`FREQ=WEEKLY;BYDAY=TH`), expanded in the calendar's zone.",
        type: str('rrule'),
      },
      'start-time': { doc: 'Local start time of each occurrence, `"HH:MM"`.', type: str('time-of-day') },
      from: { doc: 'First date the recurrence applies (optional).', type: str('date') },
      until: { doc: 'Last date the recurrence applies (optional).', type: str('date') },
    },
  },
  'access-request': {
    doc: 'Access to an environment for a while: who, which environment, what access, from when until when, and why. Filed as an issue labelled `access-request`; granted when the issue carries the approval label.',
    fields: {
      id: {
        doc: 'Id of the request, unique among the access and provisioning requests of this runbook; it finds the issue again.',
        type: str('id'),
        required: true,
        example: 'prod-db-read',
      },
      who: { doc: 'Who gets the access, a GitHub handle.', type: str('handle'), required: true, example: '"@alice"' },
      environment: {
        doc: 'The environment the access is to; one the calendar defines (RB042).',
        type: str('id'),
        required: true,
        references: 'environment',
      },
      level: {
        doc: 'What access, in the words of the team that grants it ("read-only database", "kubectl exec", "admin").',
        type: str(),
        required: true,
        example: 'read-only database',
      },
      from: { doc: 'When the access starts (instant).', type: str('instant'), required: true },
      until: {
        doc: 'When the access ends (instant, exclusive); once passed, RB041 asks that it be revoked.',
        type: str('instant'),
        required: true,
      },
      why: { doc: 'Why the access is needed, in Markdown.', type: str('markdown') },
      ticket: {
        doc: 'The access request issue, `owner/repo#number`; written by `runbook request` or the editor after filing.',
        type: str('ticket'),
      },
    },
  },
  'provisioning-request': {
    doc: 'Something to provision before the change: what, in which environment, by when, and why. Filed as an issue labelled `provisioning-request`.',
    fields: {
      id: {
        doc: 'Id of the request, unique among the access and provisioning requests of this runbook; it finds the issue again.',
        type: str('id'),
        required: true,
        example: 'extra-replica',
      },
      what: { doc: 'What to provision ("one more read replica of orders-db").', type: str(), required: true },
      environment: {
        doc: 'The environment to provision in; one the calendar defines (RB042).',
        type: str('id'),
        required: true,
        references: 'environment',
      },
      by: { doc: 'When it must be ready (instant); the window start when absent.', type: str('instant') },
      why: { doc: 'Why it is needed, in Markdown.', type: str('markdown') },
      ticket: {
        doc: 'The provisioning request issue, `owner/repo#number`; written by `runbook request` or the editor after filing.',
        type: str('ticket'),
      },
    },
  },
  ...releaseObjects(),
};

/** The release record's objects (section "The release record" of docs/runbook-dsl.md). */
function releaseObjects(): Record<
  | 'release'
  | 'release-notified'
  | 'release-confirmation'
  | 'release-decision'
  | 'release-gates'
  | 'gate-result'
  | 'release-step'
  | 'release-rollback'
  | 'release-verification'
  | 'release-announcement',
  ObjectSpec
> {
  const by = (what: string): FieldSpec => ({
    doc: `Who ${what} (GitHub handle).`,
    type: str('handle'),
    example: '"@alice"',
  });
  const at = (what: string): FieldSpec => ({
    doc: `When ${what}: an instant with its offset.`,
    type: str('instant'),
    example: '2026-12-02T21:45:00+01:00',
  });
  const gate = (question: string): FieldSpec => ({
    doc: `${question}: the gate's state and its evidence.`,
    type: obj('gate-result'),
  });
  const stepEntry = (kind: string): ObjectSpec => ({
    doc: `One attempt at ${kind}: started, then done or failed; or skipped. The latest entry of an id is the step's state.`,
    fields: {
      id: { doc: `Id of the ${kind} this entry is about.`, type: str('id'), required: true },
      status: { doc: '`started`, `done`, `failed` or `skipped`.', type: enumOf(STEP_STATUSES), required: true },
      by: by('started or skipped it'),
      started: at('it started'),
      finished: at('it was done, failed or skipped'),
      'finished-by': by('marked it done or failed, when not the person who started it'),
      note: { doc: 'What happened, in Markdown (why it failed or was skipped).', type: str('markdown') },
      'outside-window': {
        doc: "Why the start was outside the approved window (the runbook's window, or the maintenance window of a maintenance-only environment).",
        type: str('markdown'),
      },
      'window-override': {
        doc: 'The reason given for starting outside the approved window anyway: an unauthorized change unless the board accepts it.',
        type: str('markdown'),
      },
    },
  });
  return {
    release: {
      doc: 'The release-day record: written by the editor, read back to resume after a restart.',
      fields: {
        'status-comment': {
          doc: 'Id of the one status comment on the change request, edited in place after every transition.',
          type: str(),
        },
        notes: {
          doc: 'The release notes (Markdown) from `change.commits`, stored by the editor\'s Finish Release (or "Open Release Notes", Store) so the record keeps what shipped.',
          type: str('markdown'),
        },
        notified: {
          doc: 'Acknowledgement that the `notify` list was told about the change.',
          type: obj('release-notified'),
        },
        preconditions: {
          doc: 'Preconditions confirmed in the go/no-go review.',
          type: list(obj('release-confirmation')),
        },
        decisions: {
          doc: 'Go/no-go decisions, oldest first; the last one stands.',
          type: list(obj('release-decision')),
        },
        steps: {
          doc: 'Progress of the steps, one entry per attempt, in the order they happened.',
          type: list(obj('release-step')),
        },
        rollback: { doc: 'The rollback decision and the progress of its steps.', type: obj('release-rollback') },
        verification: {
          doc: 'Results of the verification checks; the latest entry of a check stands.',
          type: list(obj('release-verification')),
        },
        announcements: {
          doc: 'One entry per announcement attempt (moment and channel), written by `runbook announce`; the latest entry of a moment and channel stands, so nothing is sent twice.',
          type: list(obj('release-announcement')),
        },
      },
    },
    'release-announcement': {
      doc: 'One announcement of a moment to a channel.',
      fields: {
        moment: {
          doc: '`scheduled`, `decided`, `started`, `finished`, `rolled-back` or `delayed`.',
          type: enumOf(ANNOUNCE_MOMENTS),
          required: true,
        },
        channel: { doc: 'Id of the calendar channel it went to.', type: str('id'), required: true },
        at: at('it was sent or tried'),
        result: {
          doc: '`sent`; `failed` (retried on the next run); or `sending` (the send began and its end was never recorded: it may have gone out, so it is not sent again on its own).',
          type: enumOf(ANNOUNCEMENT_RESULTS),
          required: true,
        },
        error: { doc: 'Why it failed, without secrets.', type: str() },
      },
    },
    'release-notified': {
      doc: 'Who confirmed that the `notify` channels and handles were told, and when.',
      fields: {
        by: by('confirmed it'),
        at: at('it was confirmed'),
        channels: {
          doc: 'The `notify` entries that were told; a later addition to `notify` needs a new acknowledgement.',
          type: list(str()),
        },
      },
    },
    'release-confirmation': {
      doc: 'A precondition confirmed by a person in the go/no-go review.',
      fields: {
        id: { doc: 'Id of the precondition confirmed.', type: str('id'), required: true },
        by: by('confirmed it'),
        at: at('it was confirmed'),
      },
    },
    'release-decision': {
      doc: 'A go/no-go decision with its reason and the state of every gate at that moment.',
      fields: {
        decision: { doc: '`go` or `no-go`.', type: enumOf(RELEASE_DECISIONS), required: true },
        by: by('decided'),
        at: at('it was decided'),
        reason: { doc: 'Why, in Markdown.', type: str('markdown') },
        gates: { doc: 'The gates as the review showed them when the decision was made.', type: obj('release-gates') },
        'proposed-window': { doc: 'For a no-go: the next free window proposed instead.', type: obj('window') },
      },
    },
    'release-gates': {
      doc: 'The go/no-go gates, each with its state and evidence.',
      fields: {
        'no-errors': gate(GATES['no-errors']),
        preconditions: gate(GATES.preconditions),
        'rollback-plan': gate(GATES['rollback-plan']),
        'cab-approval': gate(GATES['cab-approval']),
        'no-freeze': gate(GATES['no-freeze']),
        dependencies: gate(GATES.dependencies),
        'owner-on-call': gate(GATES['owner-on-call']),
        notified: gate(GATES.notified),
        window: gate(GATES.window),
        'no-clash': gate(GATES['no-clash']),
        access: gate(GATES.access),
      },
    },
    'gate-result': {
      doc: 'One gate of the go/no-go review.',
      fields: {
        state: {
          doc: '`pass`, `fail`, or `waived` (failed, and the decision maker accepted it).',
          type: enumOf(GATE_STATES),
          required: true,
        },
        evidence: { doc: 'What the gate was judged on.', type: str('markdown') },
      },
    },
    'release-step': stepEntry('a step'),
    'release-rollback': {
      doc: 'The decision to roll back, and the rollback steps as they ran.',
      fields: {
        'decided-by': by('decided to roll back'),
        at: at('it was decided'),
        reason: { doc: 'Why, in Markdown; judged against `rollback.trigger`.', type: str('markdown') },
        'trigger-met': {
          doc: "`true` when the runbook's `rollback.trigger` was met; `false` for a rollback for another reason.",
          type: str('boolean'),
        },
        steps: { doc: 'Progress of the rollback steps, one entry per attempt.', type: list(obj('release-step')) },
      },
    },
    'release-verification': {
      doc: 'The result of one verification check.',
      fields: {
        id: { doc: 'Id of the verification check (for a check without an id, give `check` instead).', type: str('id') },
        check: { doc: 'The text of a verification check that has no id.', type: str() },
        result: { doc: '`pass`, `fail` or `skipped`.', type: enumOf(VERIFICATION_RESULTS), required: true },
        by: by('checked it'),
        at: at('it was checked'),
        note: { doc: 'What was seen, in Markdown.', type: str('markdown') },
      },
    },
  };
}

export function rootObject(kind: 'runbook' | 'calendar'): ObjectName {
  return kind;
}
