// The service rules that map GitHub deployments (environment, ref, task, payload) to runbook
// services and calendar environments, as the setting and `--service-map FILE` give them.
import { strict as assert } from 'node:assert';
import { globMatch, parseDeploymentServices, serviceOf } from '../../../server/core/metrics/deployment-services';
import { deploymentChangeRecords } from '../../../server/core/metrics/github-deployments';
import type { ChangeRecord } from '../../../server/core/metrics/change-records';

describe('deployment service rules', () => {
  it('matches * as any run of characters and everything else literally', () => {
    assert.equal(globMatch('prod-*', 'prod-eu'), true);
    assert.equal(globMatch('prod-*', 'prod-'), true);
    assert.equal(globMatch('prod-*', 'production'), false);
    assert.equal(globMatch('*-v*', 'payments-v2.14'), true);
    assert.equal(globMatch('a*b*c', 'abc'), true);
    assert.equal(globMatch('a*b*c', 'acb'), false);
    assert.equal(globMatch('ab*ba', 'aba'), false, 'the parts do not overlap');
    assert.equal(globMatch('v1.2', 'v1x2'), false, 'a dot is a dot');
    assert.equal(globMatch('Prod', 'prod'), false);
  });

  it('takes the first rule whose every field matches, else the default service in GitHub’s environment', () => {
    const { rules, problems } = parseDeploymentServices(
      [
        { environment: 'prod-*', payload: { app: 'pay' }, service: 'payments-api', runbookEnvironment: 'production' },
        { ref: 'ledger-v*', service: 'ledger', runbookEnvironment: 'production' },
        { task: 'deploy:search', service: 'search' },
      ],
      'rules.json',
    );
    assert.deepEqual(problems, []);
    const at = (d: Partial<Parameters<typeof serviceOf>[0]>) =>
      serviceOf({ environment: 'prod-eu', ref: 'main', ...d }, rules, 'api');
    assert.deepEqual(at({ payload: { app: 'pay' } }), { service: 'payments-api', environment: 'production' });
    // Every given field must match: the payload differs, so the next rules are tried.
    assert.deepEqual(at({ payload: { app: 'web' } }), { service: 'api', environment: 'prod-eu' });
    assert.deepEqual(at({ ref: 'ledger-v3' }), { service: 'ledger', environment: 'production' });
    assert.deepEqual(at({ environment: 'staging', task: 'deploy:search' }), {
      service: 'search',
      environment: 'staging',
    });
    // A payload value that is a number is compared as its text; an object never matches.
    assert.deepEqual(
      serviceOf(
        { environment: 'x', ref: 'm', payload: { n: 7 } },
        parseDeploymentServices([{ payload: { n: '7' }, service: 's' }], 'w').rules,
        'd',
      ).service,
      's',
    );
    assert.deepEqual(
      serviceOf(
        { environment: 'x', ref: 'm', payload: { n: { a: 1 } } },
        parseDeploymentServices([{ payload: { n: '*' }, service: 's' }], 'w').rules,
        'd',
      ).service,
      'd',
    );
  });

  it('leaves out a rule it does not understand and says which and why', () => {
    const { rules, problems } = parseDeploymentServices(
      [
        { environment: 'prod', service: 'ok' },
        { environment: 'prod' },
        { env: 'prod', service: 'x' },
        { payload: { app: 1 }, service: 'x' },
        'prod',
        { ref: '', service: 'x' },
      ],
      'the setting releaseRunbooks.metrics.deploymentServices',
    );
    assert.deepEqual(rules, [{ environment: 'prod', service: 'ok' }]);
    assert.deepEqual(problems, [
      'the setting releaseRunbooks.metrics.deploymentServices, rule 2: "service" must name the runbook service (a non-empty text)',
      'the setting releaseRunbooks.metrics.deploymentServices, rule 3: unknown key "env"; the keys are environment, ref, task, payload, service and runbookEnvironment',
      'the setting releaseRunbooks.metrics.deploymentServices, rule 4: "payload" must map payload keys to texts, such as { "service": "payments" }',
      'the setting releaseRunbooks.metrics.deploymentServices, rule 5: expected an object with "service" and what to match',
      'the setting releaseRunbooks.metrics.deploymentServices, rule 6: "ref" must be a non-empty text',
    ]);
    assert.match(parseDeploymentServices({ service: 'x' }, 'f.json').problems[0], /^f\.json: expected a list of rules/);
    assert.deepEqual(parseDeploymentServices(undefined, 'f.json'), { rules: [], problems: [] });
  });

  it('correlates a mapped deployment with the runbook of that service and calendar environment', () => {
    const runbook: ChangeRecord = {
      id: 'payments-2-14',
      title: 'Payments 2.14',
      uri: 'file:///w/payments.runbook.yaml',
      service: 'payments-api',
      team: 'payments',
      environment: 'production',
      production: true,
      type: 'normal',
      zone: 'UTC',
      window: { start: Date.UTC(2026, 10, 2, 10), end: Date.UTC(2026, 10, 2, 12) },
      finishedFromWindow: false,
    } as ChangeRecord;
    const deployment = {
      id: 1,
      environment: 'prod-eu',
      ref: 'v2.14',
      sha: 'abcdef0123',
      payload: { app: 'pay' },
      createdAt: Date.UTC(2026, 10, 2, 10, 30),
      production: true,
      statuses: [{ state: 'success' as const, at: Date.UTC(2026, 10, 2, 10, 40) }],
    };
    const services = parseDeploymentServices(
      [{ environment: 'prod-*', payload: { app: 'pay' }, service: 'payments-api', runbookEnvironment: 'production' }],
      'rules',
    ).rules;
    const [mapped] = deploymentChangeRecords([deployment], [runbook], { service: 'monorepo', zone: 'UTC', services });
    assert.equal(mapped.service, 'payments-api');
    assert.equal(mapped.environment, 'production');
    assert.equal(mapped.team, 'payments');
    assert.match(mapped.title, /runbook payments-2-14$/);
    const [unmapped] = deploymentChangeRecords([deployment], [runbook], { service: 'monorepo', zone: 'UTC' });
    assert.equal(unmapped.service, 'monorepo');
    assert.equal(unmapped.environment, 'prod-eu');
    assert.equal(unmapped.team, undefined);
  });
});
