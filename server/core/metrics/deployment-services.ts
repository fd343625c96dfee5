// Which runbook service (and environment) a GitHub deployment releases. A repository that deploys
// one service needs nothing: every deployment is that service (the CLI's --service, else the
// repository's name), in the environment of the same name. A repository that deploys several
// services, or names its environments apart from the calendar, lists rules: the first rule whose
// every given field matches the deployment names the service. The same rules come from the
// editor's setting `releaseRunbooks.metrics.deploymentServices` and the CLI's `--service-map FILE`.

/** One rule as written in the setting or the JSON file. Patterns: `*` matches any run of characters; a rule with no pattern matches every deployment. */
export interface DeploymentServiceRule {
  /** The GitHub environment, e.g. `prod-*`. */
  environment?: string;
  /** The deployment's ref (branch, tag or SHA), e.g. `payments-v*`. */
  ref?: string;
  /** The deployment's task, e.g. `deploy:payments`. */
  task?: string;
  /** Top-level payload keys and the pattern each value must match, e.g. `{ "service": "payments" }`. */
  payload?: Record<string, string>;
  /** The runbook service these deployments release. */
  service: string;
  /** The calendar's environment name when GitHub's differs (e.g. GitHub `prod-eu` is `production`). */
  runbookEnvironment?: string;
}

/** The parts of a deployment a rule looks at. */
export interface DeploymentFacets {
  environment: string;
  ref: string;
  task?: string;
  payload?: Record<string, unknown>;
}

const MATCH_FIELDS = ['environment', 'ref', 'task'] as const;
const RULE_KEYS = new Set<string>([...MATCH_FIELDS, 'payload', 'service', 'runbookEnvironment']);
/** More rules than anyone writes by hand: a longer list is cut and said so (bounded work per deployment). */
export const MAX_RULES = 200;

/**
 * The rules in `value` (the setting's value or the parsed JSON file), checked rule by rule. A rule
 * that is not understood is left out with a message that says which and why; the others still apply.
 * `where` names the source in the messages ("the setting …", "services.json").
 */
export function parseDeploymentServices(
  value: unknown,
  where: string,
): { rules: DeploymentServiceRule[]; problems: string[] } {
  const problems: string[] = [];
  if (value === undefined || value === null) return { rules: [], problems };
  if (!Array.isArray(value))
    return {
      rules: [],
      problems: [`${where}: expected a list of rules such as [{ "environment": "prod-*", "service": "payments-api" }]`],
    };
  const rules: DeploymentServiceRule[] = [];
  value.slice(0, MAX_RULES).forEach((raw, i) => {
    const at = `${where}, rule ${i + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`${at}: expected an object with "service" and what to match`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((k) => !RULE_KEYS.has(k));
    if (unknown.length) {
      problems.push(
        `${at}: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; the keys are environment, ref, task, payload, service and runbookEnvironment`,
      );
      return;
    }
    const text = (key: string): string | undefined | false => {
      const v = entry[key];
      if (v === undefined) return undefined;
      return typeof v === 'string' && v.trim() ? v.trim() : false;
    };
    const service = text('service');
    if (!service) {
      problems.push(`${at}: "service" must name the runbook service (a non-empty text)`);
      return;
    }
    const rule: DeploymentServiceRule = { service };
    for (const key of [...MATCH_FIELDS, 'runbookEnvironment'] as const) {
      const v = text(key);
      if (v === false) {
        problems.push(`${at}: "${key}" must be a non-empty text`);
        return;
      }
      if (v !== undefined) rule[key] = v;
    }
    if (entry.payload !== undefined) {
      const payload = entry.payload;
      if (
        !payload ||
        typeof payload !== 'object' ||
        Array.isArray(payload) ||
        !Object.values(payload).every((v) => typeof v === 'string')
      ) {
        problems.push(`${at}: "payload" must map payload keys to texts, such as { "service": "payments" }`);
        return;
      }
      rule.payload = { ...(payload as Record<string, string>) };
    }
    rules.push(rule);
  });
  if (value.length > MAX_RULES) problems.push(`${where}: ${value.length} rules; only the first ${MAX_RULES} are used`);
  return { rules, problems };
}

/** The service and runbook environment of a deployment: the first matching rule, else `defaultService` in GitHub's environment. */
export function serviceOf(
  d: DeploymentFacets,
  rules: DeploymentServiceRule[],
  defaultService: string,
): { service: string; environment: string } {
  const rule = rules.find((r) => matches(r, d));
  return rule
    ? { service: rule.service, environment: rule.runbookEnvironment ?? d.environment }
    : { service: defaultService, environment: d.environment };
}

function matches(rule: DeploymentServiceRule, d: DeploymentFacets): boolean {
  for (const key of MATCH_FIELDS) {
    const pattern = rule[key];
    if (pattern !== undefined && !globMatch(pattern, d[key] ?? '')) return false;
  }
  for (const [key, pattern] of Object.entries(rule.payload ?? {})) {
    const value = d.payload && Object.prototype.hasOwnProperty.call(d.payload, key) ? d.payload[key] : undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
    if (!globMatch(pattern, String(value))) return false;
  }
  return true;
}

/** `*` matches any run of characters (also none); everything else literally, case-sensitive as GitHub names are. */
export function globMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  if (!text.startsWith(parts[0]) || !text.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  const last = text.length - parts[parts.length - 1].length;
  if (last < at) return false;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > last) return false;
    at = found + part.length;
  }
  return true;
}
