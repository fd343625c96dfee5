// The five metrics' names and plain-language definitions, written once: the Markdown export, the
// status report and the charts webview (which imports this file into its bundle) all show them.

export type MetricId = 'deploymentFrequency' | 'leadTime' | 'changeFailRate' | 'recoveryTime' | 'reworkRate';

export interface MetricDescription {
  id: MetricId;
  name: string;
  /** One sentence a business reader understands. */
  meaning: string;
  /** Whether a lower value is better (for arrows and colours). */
  lowerIsBetter: boolean;
}

export const METRICS: readonly MetricDescription[] = [
  {
    id: 'deploymentFrequency',
    name: 'Deployment frequency',
    meaning:
      'How often changes reach their environment: deployments finished (successful or not, cancelled ones aside), per week.',
    lowerIsBetter: false,
  },
  {
    id: 'leadTime',
    name: 'Change lead time',
    meaning:
      'How long a change takes from its change request being filed (or its oldest commit) to running successfully: the median.',
    lowerIsBetter: true,
  },
  {
    id: 'changeFailRate',
    name: 'Change fail rate',
    meaning: 'The share of deployments that had to be rolled back or failed.',
    lowerIsBetter: true,
  },
  {
    id: 'recoveryTime',
    name: 'Failed deployment recovery time',
    meaning:
      'How long service took to recover from a failed deployment (by its rollback, or the next successful deployment): the median.',
    lowerIsBetter: true,
  },
  {
    id: 'reworkRate',
    name: 'Deployment rework rate',
    meaning: 'The share of deployments that were unplanned emergency changes.',
    lowerIsBetter: true,
  },
];

export function metricName(id: MetricId): string {
  return METRICS.find((m) => m.id === id)!.name;
}
