// The completion snippets the JSON Schemas offer (`defaultSnippets`, read by Red Hat's YAML
// extension and other editors), by DSL object. Everything else in the schemas comes from
// server/core/dsl-schema.ts; see generate-schemas.ts.
import type { ObjectName } from '../server/core/dsl-schema';

export interface SchemaSnippet {
  label: string;
  description?: string;
  body: unknown;
}

export const SNIPPETS: Partial<Record<ObjectName, SchemaSnippet[]>> = {
  runbook: [
    {
      label: 'runbook',
      description: 'A production runbook skeleton that lints clean once filled in',
      body: {
        runbook: '${1:payments-api-2-14}',
        title: '${2:Payments API 2.14.0 to production}',
        service: '${3:payments-api}',
        environment: '${4:production}',
        owner: '"${5:@alice}"',
        'on-call': '"${6:@bob}"',
        window: {
          start: '${7:2026-12-02T22:00}',
          duration: '${8:2h}',
        },
        change: {
          type: '${9:normal}',
          risk: '${10:medium}',
        },
        steps: [
          {
            id: '${11:deploy}',
            title: '${12:Deploy the release}',
            run: '${13:./scripts/deploy.sh}',
            timeout: '${14:30m}',
            rollback: '${15:rollback-deploy}',
          },
        ],
        rollback: {
          trigger: '${16:Error rate above 2% for 5 minutes}',
          decision: '"${5:@alice}"',
          steps: [
            {
              id: '${15:rollback-deploy}',
              title: '${17:Redeploy the previous version}',
              run: '${18:./scripts/deploy.sh previous}',
            },
          ],
        },
        verification: [
          {
            id: '${19:smoke}',
            check: '${20:Synthetic checkout succeeds}',
          },
        ],
      },
    },
  ],
  window: [
    {
      label: 'start and end',
      body: {
        start: '${1:2026-12-02T22:00}',
        end: '${2:2026-12-03T00:00}',
      },
    },
    {
      label: 'start and duration',
      body: {
        start: '${1:2026-12-02T22:00}',
        duration: '${2:2h}',
      },
    },
  ],
  precondition: [
    {
      label: 'precondition',
      body: {
        id: '${1:ci-green}',
        check: '${2:Acceptance tests pass}',
      },
    },
  ],
  step: [
    {
      label: 'step with rollback',
      body: {
        id: '${1:deploy}',
        title: '${2:Deploy the release}',
        run: '${3:./scripts/deploy.sh}',
        timeout: '${4:20m}',
        rollback: '${5:rollback-deploy}',
      },
    },
    {
      label: 'irreversible step',
      body: {
        id: '${1:purge-cache}',
        title: '${2:Purge the CDN cache}',
        run: '${3:./scripts/purge.sh}',
        timeout: '${4:5m}',
        irreversible: true,
      },
    },
  ],
  rollback: [
    {
      label: 'rollback plan',
      body: {
        trigger: '${1:Error rate above 2% for 5 minutes, or any failed verification}',
        decision: '"${2:@alice}"',
        steps: [
          {
            id: '${3:rollback-deploy}',
            title: '${4:Redeploy the previous version}',
            run: '${5:./scripts/deploy.sh previous}',
          },
        ],
      },
    },
  ],
  'rollback-step': [
    {
      label: 'rollback step',
      body: {
        id: '${1:rollback-deploy}',
        title: '${2:Redeploy the previous version}',
        run: '${3:./scripts/deploy.sh previous}',
        timeout: '${4:15m}',
      },
    },
  ],
  'verification-check': [
    {
      label: 'verification check',
      body: {
        id: '${1:smoke}',
        check: '${2:Synthetic checkout succeeds}',
      },
    },
  ],
  calendar: [
    {
      label: 'calendar',
      description: 'A release calendar with environments, a freeze and a maintenance window',
      body: {
        calendar: '${1:acme}',
        timezone: '${2:Europe/Berlin}',
        environments: [
          {
            name: 'staging',
          },
          {
            name: 'production',
          },
        ],
        freezes: [
          {
            id: '${3:year-end}',
            title: '${4:Year-end code freeze}',
            start: '${5:2026-12-21T00:00}',
            end: '${6:2027-01-04T00:00}',
            environments: ['production'],
          },
        ],
        maintenance: [
          {
            id: '${7:sunday-infra}',
            title: '${8:Sunday infrastructure window}',
            rrule: 'FREQ=WEEKLY;BYDAY=SU',
            'start-time': '"02:00"',
            duration: '4h',
          },
        ],
      },
    },
  ],
  environment: [
    {
      label: 'environment',
      body: {
        name: '${1:production}',
      },
    },
  ],
  freeze: [
    {
      label: 'one-off freeze',
      body: {
        id: '${1:year-end}',
        title: '${2:Year-end code freeze}',
        start: '${3:2026-12-21T00:00}',
        end: '${4:2027-01-04T00:00}',
        environments: ['${5:production}'],
      },
    },
    {
      label: 'recurring freeze',
      body: {
        id: '${1:month-end-close}',
        title: '${2:Finance month-end close}',
        rrule: '${3:FREQ=MONTHLY;BYMONTHDAY=-1}',
        'start-time': '"${4:18:00}"',
        duration: '${5:30h}',
      },
    },
  ],
  maintenance: [
    {
      label: 'recurring maintenance window',
      body: {
        id: '${1:sunday-infra}',
        title: '${2:Sunday infrastructure window}',
        rrule: '${3:FREQ=WEEKLY;BYDAY=SU}',
        'start-time': '"${4:02:00}"',
        duration: '${5:4h}',
        environments: ['${6:production}'],
      },
    },
    {
      label: 'one-off maintenance window',
      body: {
        id: '${1:dc-move}',
        title: '${2:Data centre move}',
        start: '${3:2026-12-06T01:00}',
        duration: '${4:6h}',
      },
    },
  ],
};
