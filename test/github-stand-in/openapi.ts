// GitHub's published OpenAPI description (@octokit/openapi), cut down to the endpoints the
// stand-in serves, and an openapi-backend instance that routes and validates against it.
// Loading takes a few seconds, so it happens once per process.
import { readFileSync } from 'node:fs';
import OpenAPIBackend from 'openapi-backend';
import { COMMENT_PATHS } from './comments-routes';
import { COMPARE_PATHS } from './compare-routes';
import { GIT_PATHS } from './git-routes';
import { DEPLOYMENT_PATHS } from './deployments-routes';
import { EVENT_PATHS } from './events-routes';

/** The paths the stand-in answers; every other request is recorded as a problem. */
export const SERVED_PATHS = [
  '/repos/{owner}/{repo}/labels',
  '/repos/{owner}/{repo}/labels/{name}',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}',
  '/repos/{owner}/{repo}/issues/{issue_number}/labels',
  '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
  ...COMMENT_PATHS,
  ...COMPARE_PATHS,
  ...GIT_PATHS,
  ...DEPLOYMENT_PATHS,
  ...EVENT_PATHS,
];

type Json = Record<string, unknown>;

export function githubDescriptionPath(): string {
  return require.resolve('@octokit/openapi/generated/api.github.com.json');
}

/** The served paths with every component they reference; `nullable` without `type` removed. */
export function reducedDescription(): Json {
  const full = JSON.parse(readFileSync(githubDescriptionPath(), 'utf8')) as Json & {
    paths: Json;
    components: Record<string, Json>;
  };
  const paths: Json = {};
  for (const p of SERVED_PATHS) {
    if (!full.paths[p]) throw new Error(`@octokit/openapi has no path ${p}`);
    paths[p] = full.paths[p];
  }
  const components: Record<string, Json> = {};
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && !seen.has(ref)) {
      seen.add(ref);
      const [, , kind, name] = ref.split('/');
      const target = full.components[kind]?.[name];
      if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
      (components[kind] ??= {})[name] = target;
      walk(target);
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(paths);
  const doc = { openapi: full.openapi, info: full.info, paths, components };
  stripUntypedNullable(doc);
  return doc;
}

/**
 * Ajv (strict) rejects `nullable` on a schema without `type`; GitHub's description has some.
 * A nullable enum (`state_reason`) must also list null, or GitHub's own null answers fail.
 */
function stripUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(stripUntypedNullable);
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if ('nullable' in obj && !('type' in obj)) delete obj.nullable;
  if (obj.nullable === true && Array.isArray(obj.enum) && !obj.enum.includes(null)) obj.enum = [...obj.enum, null];
  for (const value of Object.values(obj)) stripUntypedNullable(value);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

let backend: Promise<OpenAPIBackend> | undefined;

export function githubApi(): Promise<OpenAPIBackend> {
  backend ??= (async () => {
    const api = new OpenAPIBackend({
      definition: reducedDescription() as never,
      strict: false,
      validate: true,
      quick: false,
      coerceTypes: true,
      ajvOpts: {
        allErrors: true,
        strict: false,
        formats: {
          'date-time': DATE_TIME,
          date: /^\d{4}-\d{2}-\d{2}$/,
          uri: (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s),
          'uri-template': true,
          email: /^[^@\s]+@[^@\s]+$/,
          int64: true,
          int32: true,
          hostname: true,
          uuid: true,
          binary: true,
          byte: true,
          password: true,
          ipv4: true,
          ipv6: true,
        } as never,
      },
    });
    await api.init();
    return api;
  })();
  return backend;
}
