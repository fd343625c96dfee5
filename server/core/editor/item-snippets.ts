// Snippets for whole list entries (a step with its rollback, a rollback step, a precondition, a
// freeze, a maintenance window ...) and for a new runbook or calendar file. Each is a list of lines
// relative to the entry's key column; the caller indents them absolutely.
import type { ObjectName } from '../dsl-schema';

export interface ItemSnippet {
  label: string;
  detail: string;
  /** Lines of `key: value` with snippet placeholders; the first goes right after `- `. */
  lines: string[];
}

const SNIPPETS: Record<string, ItemSnippet[]> = {
  'runbook.steps': [
    {
      label: 'step with rollback',
      detail: 'A step that runs a command, with its rollback step',
      lines: [
        'id: ${1:step-id}',
        'title: ${2:What this step does}',
        'run: ${3:./scripts/deploy.sh}',
        'timeout: ${4:15m}',
        'rollback: ${5:rollback-step-id}',
      ],
    },
    {
      label: 'irreversible step',
      detail: 'A step that cannot be rolled back, acknowledged',
      lines: [
        'id: ${1:step-id}',
        'title: ${2:What this step does}',
        'run: ${3:./scripts/purge.sh}',
        'timeout: ${4:5m}',
        'irreversible: true',
      ],
    },
    {
      label: 'manual step',
      detail: 'A step done by hand (no command)',
      lines: ['id: ${1:step-id}', 'title: ${2:What to do}'],
    },
  ],
  'rollback.steps': [
    {
      label: 'rollback step',
      detail: 'A step that undoes a step; steps name it in `rollback`',
      lines: [
        'id: ${1:rollback-step-id}',
        'title: ${2:What this rollback does}',
        'run: ${3:./scripts/rollback.sh}',
        'timeout: ${4:10m}',
      ],
    },
  ],
  'runbook.preconditions': [
    {
      label: 'precondition',
      detail: 'A go/no-go check',
      lines: ['id: ${1:precondition-id}', 'check: ${2:What must be true before the window}'],
    },
  ],
  'runbook.verification': [
    {
      label: 'verification check',
      detail: 'A post-deployment check',
      lines: ['id: ${1:check-id}', 'check: ${2:What to verify}'],
    },
  ],
  'step.verify': [
    { label: 'verify check', detail: 'A check right after the step', lines: ['check: ${1:What to check}'] },
  ],
  'rollback-step.verify': [
    { label: 'verify check', detail: 'A check right after the rollback step', lines: ['check: ${1:What to check}'] },
  ],
  'calendar.environments': [
    { label: 'environment', detail: 'An environment changes go to', lines: ['name: ${1:production}'] },
  ],
  'calendar.freezes': [
    {
      label: 'freeze',
      detail: 'A one-off freeze period',
      lines: [
        'id: ${1:freeze-id}',
        'title: ${2:Code freeze}',
        'start: ${3:2026-12-21T00:00}',
        'end: ${4:2027-01-04T00:00}',
        'environments: [${5:production}]',
      ],
    },
    {
      label: 'recurring freeze',
      detail: 'A freeze that repeats (RRULE)',
      lines: [
        'id: ${1:freeze-id}',
        'title: ${2:Month-end close}',
        'rrule: ${3:FREQ=MONTHLY;BYMONTHDAY=-1}',
        'start-time: "${4:18:00}"',
        'duration: ${5:30h}',
        'environments: [${6:production}]',
      ],
    },
  ],
  'calendar.maintenance': [
    {
      label: 'maintenance window',
      detail: 'A recurring maintenance window (RRULE)',
      lines: [
        'id: ${1:maintenance-id}',
        'title: ${2:Sunday maintenance window}',
        'rrule: ${3:FREQ=WEEKLY;BYDAY=SU}',
        'start-time: "${4:02:00}"',
        'duration: ${5:4h}',
        'environments: [${6:infrastructure}]',
      ],
    },
  ],
};

export function itemSnippets(object: ObjectName, key: string): ItemSnippet[] {
  return SNIPPETS[`${object}.${key}`] ?? [];
}

/** A whole new file, for an empty document. `unit` is the indentation; `id` a suggested runbook id. */
export function fileSkeleton(
  kind: 'runbook' | 'calendar',
  unit: number,
  id: string,
): { label: string; detail: string; text: string } {
  const i = ' '.repeat(unit);
  if (kind === 'calendar') {
    return {
      label: 'release calendar',
      detail: 'A calendar with environments, a freeze and a maintenance window',
      text: [
        `calendar: \${1:${id}}`,
        'timezone: ${2:Europe/Berlin}',
        '',
        'environments:',
        `${i}- name: staging`,
        `${i}- name: production`,
        '',
        'freezes:',
        `${i}- id: \${3:year-end}`,
        `${i}  title: \${4:Year-end code freeze}`,
        `${i}  start: \${5:2026-12-21T00:00}`,
        `${i}  end: \${6:2027-01-04T00:00}`,
        `${i}  environments: [production]`,
        '',
        'maintenance:',
        `${i}- id: \${7:sunday-window}`,
        `${i}  title: \${8:Sunday maintenance window}`,
        `${i}  rrule: FREQ=WEEKLY;BYDAY=SU`,
        `${i}  start-time: "02:00"`,
        `${i}  duration: 4h`,
        '',
      ].join('\n'),
    };
  }
  return {
    label: 'runbook',
    detail: 'A complete runbook: window, change, steps with rollback, verification',
    text: [
      `runbook: \${1:${id}}`,
      'title: ${2:What is released}',
      'service: ${3:service-name}',
      'environment: ${4:production}',
      'owner: "@${5:owner}"',
      'on-call: "@${6:on-call}"',
      '',
      'window:',
      `${i}start: \${7:2026-12-02T22:00}`,
      `${i}duration: \${8:2h}`,
      '',
      'change:',
      `${i}type: \${9|normal,standard,emergency|}`,
      `${i}risk: \${10|low,medium,high,critical|}`,
      '',
      'steps:',
      `${i}- id: \${11:deploy}`,
      `${i}  title: \${12:Deploy the new version}`,
      `${i}  run: \${13:./scripts/deploy.sh}`,
      `${i}  timeout: \${14:30m}`,
      `${i}  rollback: \${15:roll-back}`,
      '',
      'rollback:',
      `${i}trigger: \${16:Error rate above 2% for 5 minutes}`,
      `${i}decision: "@\${5:owner}"`,
      `${i}steps:`,
      `${i}${i}- id: \${15:roll-back}`,
      `${i}${i}  title: \${17:Deploy the previous version}`,
      `${i}${i}  run: \${18:./scripts/deploy.sh --previous}`,
      '',
      'verification:',
      `${i}- id: \${19:smoke}`,
      `${i}  check: \${20:Smoke tests pass}`,
      '',
    ].join('\n'),
  };
}
