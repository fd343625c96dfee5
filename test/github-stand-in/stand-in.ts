// A stand-in for GitHub's REST API on 127.0.0.1, for the endpoints change requests use: labels
// and issues of a repository. It answers with GitHub's status codes and error bodies, checks
// tokens, and validates every request against GitHub's published OpenAPI description; a request
// that fails validation gets a 422 and is recorded, so tests fail loudly. Faults can be injected
// per operation: 5xx answers, rate limits, a request that never gets an answer, and a dropped
// connection after the issue was stored.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import type OpenAPIBackend from 'openapi-backend';
import { githubApi } from './openapi';
import { errorJson, issueJson, labelJson, nowIso, StoredIssue, StoredLabel, Urls } from './github-objects';
import { CommentRoutes } from './comments-routes';
import { CompareRoutes } from './compare-routes';
import { GitRoutes } from './git-routes';
import { DeploymentRoutes } from './deployments-routes';
import { EventRoutes } from './events-routes';

export type Permission = 'admin' | 'write' | 'triage' | 'read';

export interface StandInToken {
  token: string;
  login: string;
  permission?: Permission;
  /** `owner/name`s the token can see; all when absent. */
  repositories?: string[];
}

export interface StandInRepository {
  fullName: string;
  hasIssues?: boolean;
}

export type Fault =
  /** Answer with this status and a GitHub-like body. */
  | { kind: 'status'; status: number; message?: string }
  /** Primary (x-ratelimit-remaining: 0) or secondary (retry-after) rate limit, as a 403. */
  | { kind: 'rate-limit'; secondary?: boolean; resetInSeconds?: number; retryAfterSeconds?: number }
  /** Never answer; with afterHandling the operation is carried out first (the issue is stored). */
  | { kind: 'hang'; afterHandling?: boolean }
  /** Destroy the connection; with afterHandling the operation is carried out first. */
  | { kind: 'drop'; afterHandling?: boolean }
  /** A 2xx that is no GitHub answer (a captive portal's HTML page, `{}`): `raw` text sent as it is. */
  | { kind: 'answer'; status?: number; raw: string; contentType?: string; afterHandling?: boolean };

export interface FaultRule {
  /** GitHub's operationId, e.g. `issues/create`; any operation when absent. */
  operationId?: string;
  method?: string;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  fault: Fault;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  operationId?: string;
  login?: string;
  status?: number;
  outcome: 'answered' | 'dropped' | 'hung';
  /** Why the request does not match GitHub's description (or why our answer does not). */
  problems: string[];
}

export interface StandInOptions {
  port?: number;
  repositories?: (string | StandInRepository)[];
  tokens?: StandInToken[];
  /** Also validate the stand-in's own answers against the description (default true). */
  validateResponses?: boolean;
}

/** Called synchronously once a GitHub request was handled, before the client hears back. */
export type RequestListener = (request: RecordedRequest) => void;

interface RepoState {
  fullName: string;
  hasIssues: boolean;
  labels: StoredLabel[];
  issues: StoredIssue[];
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest';
let nextId = 5_000_000;

export const DEFAULT_TOKENS: StandInToken[] = [
  { token: 'ghp_standInWriteToken000000000000000000', login: 'release-bot', permission: 'write' },
  { token: 'ghp_standInReadToken0000000000000000000', login: 'reader', permission: 'read' },
];

export class GitHubStandIn {
  readonly requests: RecordedRequest[] = [];
  /** Issue comments (comments-routes.ts): `comments.comments('acme/releases', 1)`. */
  readonly comments = new CommentRoutes();
  /** Commit histories for the compare API (compare-routes.ts): `compare.seedHistory('acme/api', [...])`. */
  readonly compare = new CompareRoutes();
  /** Git trees and blobs (git-routes.ts): `git.seedFiles('acme/payments', {...})`. */
  readonly git = new GitRoutes();
  /** Deployments and statuses (deployments-routes.ts): `deployments.seed('acme/api', [...])`. */
  readonly deployments = new DeploymentRoutes();
  /** Label events and team memberships (events-routes.ts): `events.addTeamMembers('acme', 'board', ['carol'])`. */
  readonly events = new EventRoutes();
  private readonly repos = new Map<string, RepoState>();
  private readonly tokens = new Map<string, StandInToken>();
  private faults: (FaultRule & { left: number })[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly waiters = new Set<() => void>();
  private rateReset = Math.floor(Date.now() / 1000) + 3600;
  /** Lets a test act at an exact moment, e.g. edit the runbook while the issue is being filed. */
  onHandled: RequestListener | undefined;

  private constructor(
    private readonly server: Server,
    private readonly api: OpenAPIBackend,
    readonly url: string,
    private readonly validateResponses: boolean,
  ) {}

  static async start(options: StandInOptions = {}): Promise<GitHubStandIn> {
    const api = await githubApi();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const standIn = new GitHubStandIn(server, api, `http://127.0.0.1:${port}`, options.validateResponses ?? true);
    server.on('connection', (socket) => {
      standIn.sockets.add(socket);
      socket.on('close', () => standIn.sockets.delete(socket));
    });
    server.on('request', (req, res) => {
      standIn.handle(req, res).catch((error) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ message: `stand-in failure: ${(error as Error).message}` }));
        }
      });
    });
    for (const repo of options.repositories ?? ['acme/releases']) standIn.addRepository(repo);
    for (const token of options.tokens ?? DEFAULT_TOKENS) standIn.addToken(token);
    return standIn;
  }

  addRepository(repo: string | StandInRepository): void {
    const spec = typeof repo === 'string' ? { fullName: repo } : repo;
    this.repos.set(spec.fullName.toLowerCase(), {
      fullName: spec.fullName,
      hasIssues: spec.hasIssues ?? true,
      labels: [],
      issues: [],
    });
  }

  addToken(token: StandInToken): void {
    this.tokens.set(token.token, token);
  }

  setHasIssues(fullName: string, hasIssues: boolean): void {
    this.repo(fullName).hasIssues = hasIssues;
  }

  /** The next `times` requests matching the rule get the fault. */
  inject(rule: FaultRule): void {
    this.faults.push({ ...rule, left: rule.times ?? 1 });
  }

  issues(fullName = 'acme/releases'): StoredIssue[] {
    return this.repo(fullName).issues;
  }

  labels(fullName = 'acme/releases'): StoredLabel[] {
    return this.repo(fullName).labels;
  }

  /** Stores an issue as if filed on GitHub directly. */
  seedIssue(fullName: string, issue: Partial<StoredIssue> & { title: string }): StoredIssue {
    const repo = this.repo(fullName);
    const stored = this.newIssue(repo, issue.author ?? 'someone', issue.title, issue.body ?? null, issue.labels ?? []);
    Object.assign(stored, { ...issue, number: stored.number, id: stored.id });
    return stored;
  }

  seedLabel(fullName: string, name: string, color = 'ededed'): void {
    const repo = this.repo(fullName);
    repo.labels.push({ id: nextId++, name, color, description: null });
  }

  /** Every validation problem seen so far (requests the real GitHub would read differently). */
  problems(): string[] {
    return this.requests.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));
  }

  /** GitHub requests (control requests excluded). */
  requestsFor(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  /** Resolves when `predicate` holds, re-checked on every request; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error('stand-in: condition not met in time'));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  clearFaults(): void {
    this.faults = [];
  }

  reset(): void {
    this.comments.reset();
    this.compare.reset();
    this.git.reset();
    this.deployments.reset();
    this.events.reset();
    this.requests.length = 0;
    this.faults = [];
    for (const repo of this.repos.values()) {
      repo.labels = [];
      repo.issues = [];
      repo.hasIssues = true;
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------

  private repo(fullName: string): RepoState {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`stand-in: no repository ${fullName}`);
    return repo;
  }

  private notify(record?: RecordedRequest): void {
    if (record) this.onHandled?.(record);
    for (const waiter of [...this.waiters]) waiter();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    // GitHub Enterprise Server serves the same API under /api/v3.
    const prefix = url.pathname.startsWith('/api/v3/') ? '/api/v3' : '';
    const path = url.pathname.slice(prefix.length);
    const method = (req.method ?? 'GET').toUpperCase();
    if (path.startsWith('/_stand-in/')) return this.control(method, path, raw, res);

    const query = Object.fromEntries(url.searchParams);
    const record: RecordedRequest = { method, path, query, body: undefined, outcome: 'answered', problems: [] };
    this.requests.push(record);
    const urls: Urls = { api: `${this.url}${prefix}`, web: this.url };
    const send = (given: Answer) => {
      // GitHub's conditional requests: a GET answer carries an ETag, and asked again with
      // If-None-Match and the same ETag, it is 304 with no body (and costs no rate limit).
      let answer = given;
      if (method === 'GET' && answer.status === 200 && answer.body !== undefined) {
        const etag = `"${createHash('sha1').update(JSON.stringify(answer.body)).digest('hex')}"`;
        answer =
          req.headers['if-none-match'] === etag
            ? { status: 304, headers: { etag } }
            : { ...answer, headers: { ...answer.headers, etag } };
      }
      record.status = answer.status;
      this.notify(record);
      this.write(res, answer, record);
    };

    if (raw) {
      try {
        record.body = JSON.parse(raw);
      } catch {
        record.problems.push('body is not JSON');
        return send({ status: 400, body: errorJson(400, 'Problems parsing JSON', DOCS) });
      }
    }
    const request = {
      method: method.toLowerCase(),
      path,
      query,
      headers: req.headers as Record<string, string>,
      body: record.body,
    };
    const operation = this.api.router.matchOperation(request);
    if (!operation) {
      record.problems.push(`GitHub's description has no operation ${method} ${path}`);
      return send({ status: 404, body: errorJson(404, 'Not Found', DOCS) });
    }
    const operationId = operation.operationId!;
    record.operationId = operationId;
    const docs = (operation as { externalDocs?: { url?: string } }).externalDocs?.url ?? DOCS;
    const validation = this.api.validator.validateRequest(request, operation);
    if (!validation.valid) {
      for (const e of validation.errors ?? [])
        record.problems.push(`${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    }
    record.problems.push(...strictProblems(operation, record.body));
    if (record.body !== undefined && !/application\/json/.test(String(req.headers['content-type'] ?? ''))) {
      record.problems.push(`content-type is ${req.headers['content-type'] ?? 'missing'}, not application/json`);
    }

    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!auth) return send({ status: 401, body: errorJson(401, 'Requires authentication', docs) });
    const account = this.tokens.get(auth[1]);
    if (!account) return send({ status: 401, body: errorJson(401, 'Bad credentials', DOCS) });
    record.login = account.login;
    if (record.problems.length) {
      return send({ status: 422, body: errorJson(422, `Invalid request.\n\n${record.problems.join('\n')}`, docs) });
    }

    const fault = this.takeFault(operationId, method);
    if (fault && !('afterHandling' in fault && fault.afterHandling)) {
      if (fault.kind === 'hang') {
        record.outcome = 'hung';
        this.notify(record);
        return;
      }
      if (fault.kind === 'drop') {
        record.outcome = 'dropped';
        req.socket.destroy();
        this.notify(record);
        return;
      }
      if (fault.kind === 'answer') return this.writeRaw(res, record, fault);
      return send(this.faultAnswer(fault, docs));
    }

    const params = this.api.router.parseRequest(request, operation).params as Record<string, string>;
    const labelsBefore = this.issueLabels(params);
    const answer = this.dispatch(operationId, params, query, record.body, account, urls, docs);
    this.recordLabelEvents(params, labelsBefore, answer, account.login);
    if (fault && fault.kind === 'answer') {
      // The operation happened; what the client hears is not GitHub's answer.
      return this.writeRaw(res, record, fault);
    }
    if (fault && (fault.kind === 'hang' || fault.kind === 'drop')) {
      // The operation happened (the issue is stored); the client never hears about it.
      record.status = answer.status;
      record.outcome = fault.kind === 'hang' ? 'hung' : 'dropped';
      if (fault.kind === 'drop') req.socket.destroy();
      this.notify(record);
      return;
    }
    if (this.validateResponses) record.problems.push(...this.responseProblems(operation, answer));
    send(answer);
  }

  private writeRaw(
    res: ServerResponse,
    record: RecordedRequest,
    fault: { status?: number; raw: string; contentType?: string },
  ): void {
    record.status = fault.status ?? 200;
    this.notify(record);
    res.writeHead(record.status, { 'content-type': fault.contentType ?? 'text/html; charset=utf-8' });
    res.end(fault.raw);
  }

  private write(res: ServerResponse, answer: Answer, record: RecordedRequest): void {
    const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(this.rateReset),
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
      ...(record.login ? { 'x-oauth-scopes': 'repo' } : {}),
      ...answer.headers,
    });
    res.end(body);
  }

  private takeFault(operationId: string, method: string): Fault | undefined {
    const rule = this.faults.find(
      (f) =>
        f.left > 0 &&
        (!f.operationId || f.operationId === operationId) &&
        (!f.method || f.method.toUpperCase() === method),
    );
    if (!rule) return undefined;
    rule.left--;
    return rule.fault;
  }

  private faultAnswer(fault: Fault, docs: string): Answer {
    if (fault.kind === 'rate-limit') {
      if (fault.secondary) {
        return {
          status: 403,
          headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
          body: errorJson(
            403,
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000.',
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          ),
        };
      }
      const reset = Math.floor(Date.now() / 1000) + (fault.resetInSeconds ?? 1800);
      return {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset) },
        body: errorJson(
          403,
          'API rate limit exceeded for user ID 1000. If you reach out to GitHub Support for help, please include the request ID 0000:0000.',
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        ),
      };
    }
    if (fault.kind === 'status') {
      const text =
        fault.message ??
        (fault.status === 502
          ? 'Server Error'
          : fault.status === 503
            ? 'Service Unavailable'
            : 'Internal Server Error');
      return { status: fault.status, body: errorJson(fault.status, text, docs) };
    }
    throw new Error(`fault ${fault.kind} is not an answer`);
  }

  /** The labels of the issue a request names, before it is handled (undefined: no such issue yet). */
  private issueLabels(params: Record<string, string>): string[] | undefined {
    if (!params.owner || !params.repo || !params.issue_number) return undefined;
    const issue = this.repos
      .get(`${params.owner}/${params.repo}`.toLowerCase())
      ?.issues.find((i) => i.number === Number(params.issue_number));
    return issue ? [...issue.labels] : undefined;
  }

  /** As GitHub does: every label a request added or removed is an issue event with the token's login as actor. */
  private recordLabelEvents(
    params: Record<string, string>,
    before: string[] | undefined,
    answer: Answer,
    login: string,
  ): void {
    if (!params.owner || !params.repo) return;
    const repo = this.repos.get(`${params.owner}/${params.repo}`.toLowerCase());
    const number = params.issue_number
      ? Number(params.issue_number)
      : answer.status === 201
        ? Number((answer.body as { number?: number })?.number)
        : NaN;
    const issue = repo?.issues.find((i) => i.number === number);
    if (!repo || !issue) return;
    const had = new Set((before ?? []).map((l) => l.toLowerCase()));
    const has = new Set(issue.labels.map((l) => l.toLowerCase()));
    for (const label of issue.labels)
      if (!had.has(label.toLowerCase())) this.events.record(repo.fullName, number, 'labeled', label, login);
    for (const label of before ?? [])
      if (!has.has(label.toLowerCase())) this.events.record(repo.fullName, number, 'unlabeled', label, login);
  }

  /** A label added on GitHub by a person (not through a token): recorded as their `labeled` event. */
  labelAs(fullName: string, issueNumber: number, label: string, login: string): void {
    const repo = this.repo(fullName);
    const issue = repo.issues.find((i) => i.number === issueNumber);
    if (!issue) throw new Error(`no issue ${fullName}#${issueNumber}`);
    if (!repo.labels.some((l) => l.name.toLowerCase() === label.toLowerCase()))
      repo.labels.push({ id: nextId++, name: label, color: 'ededed', description: null });
    if (issue.labels.some((l) => l.toLowerCase() === label.toLowerCase())) return;
    issue.labels.push(label);
    this.events.record(repo.fullName, issueNumber, 'labeled', label, login);
  }

  /** A label removed on GitHub by a person: recorded as their `unlabeled` event. */
  unlabelAs(fullName: string, issueNumber: number, label: string, login: string): void {
    const repo = this.repo(fullName);
    const issue = repo.issues.find((i) => i.number === issueNumber);
    if (!issue) throw new Error(`no issue ${fullName}#${issueNumber}`);
    const present = issue.labels.find((l) => l.toLowerCase() === label.toLowerCase());
    if (!present) return;
    issue.labels = issue.labels.filter((l) => l !== present);
    this.events.record(repo.fullName, issueNumber, 'unlabeled', present, login);
  }

  private dispatch(
    operationId: string,
    params: Record<string, string>,
    query: Record<string, string>,
    body: unknown,
    account: StandInToken,
    urls: Urls,
    docs: string,
  ): Answer {
    const team = this.events.dispatchTeams(operationId, params, urls, docs);
    if (team) return team;
    const fullName = `${params.owner}/${params.repo}`;
    const repo = this.repos.get(fullName.toLowerCase());
    const canSee =
      repo && (!account.repositories || account.repositories.some((r) => r.toLowerCase() === fullName.toLowerCase()));
    if (!repo || !canSee) return { status: 404, body: errorJson(404, 'Not Found', docs) };
    const permission = account.permission ?? 'write';
    const canPush = permission === 'write' || permission === 'admin';
    const b = (body ?? {}) as Record<string, unknown>;
    const forbidden = (): Answer => ({
      status: 403,
      body: errorJson(403, 'Resource not accessible by personal access token', docs),
    });
    const labelOut = (l: StoredLabel) => labelJson(urls, repo.fullName, l);
    const issueOut = (i: StoredIssue) => issueJson(urls, repo.fullName, i, repo.labels, permission);
    const findLabel = (name: string) => repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    const issuesDisabled = (): Answer => ({
      status: 410,
      body: errorJson(410, 'Issues are disabled for this repo', docs),
    });

    switch (operationId) {
      case 'issues/list-labels-for-repo':
        return this.page(repo.labels.map(labelOut), query, urls, `/repos/${repo.fullName}/labels`);
      case 'issues/get-label': {
        const label = findLabel(params.name);
        return label
          ? { status: 200, body: labelOut(label) }
          : { status: 404, body: errorJson(404, 'Not Found', docs) };
      }
      case 'issues/create-label': {
        if (!canPush) return forbidden();
        const name = String(b.name ?? '');
        const color = String(b.color ?? 'ededed').replace(/^#/, '');
        const errors: Record<string, unknown>[] = [];
        if (!name.trim()) errors.push({ resource: 'Label', code: 'missing_field', field: 'name' });
        else if (name.length > 50)
          errors.push({
            resource: 'Label',
            code: 'custom',
            field: 'name',
            message: 'name is too long (maximum is 50 characters)',
          });
        else if (findLabel(name)) errors.push({ resource: 'Label', code: 'already_exists', field: 'name' });
        if (!/^[0-9a-fA-F]{6}$/.test(color)) errors.push({ resource: 'Label', code: 'invalid', field: 'color' });
        if (typeof b.description === 'string' && b.description.length > 100)
          errors.push({
            resource: 'Label',
            code: 'custom',
            field: 'description',
            message: 'description is too long (maximum is 100 characters)',
          });
        if (errors.length) return { status: 422, body: errorJson(422, 'Validation Failed', docs, errors) };
        const label: StoredLabel = {
          id: nextId++,
          name,
          color: color.toLowerCase(),
          description: typeof b.description === 'string' ? b.description : null,
        };
        repo.labels.push(label);
        return {
          status: 201,
          body: labelOut(label),
          headers: { location: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(name)}` },
        };
      }
      case 'issues/list-for-repo': {
        if (!repo.hasIssues) return issuesDisabled();
        const state = query.state ?? 'open';
        const wanted = (query.labels ?? '')
          .split(',')
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean);
        let list = repo.issues.filter((i) => state === 'all' || i.state === state);
        if (wanted.length) list = list.filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)));
        if (query.creator) list = list.filter((i) => i.author.toLowerCase() === query.creator.toLowerCase());
        const asc = query.direction === 'asc';
        list = [...list].sort((a, b2) => (asc ? a.number - b2.number : b2.number - a.number));
        return this.page(list.map(issueOut), query, urls, `/repos/${repo.fullName}/issues`);
      }
      case 'issues/create': {
        if (!repo.hasIssues) return issuesDisabled();
        const title = b.title === undefined || b.title === null ? '' : String(b.title);
        if (!title.trim())
          return {
            status: 422,
            body: errorJson(422, 'Validation Failed', docs, [
              { resource: 'Issue', code: 'missing_field', field: 'title' },
            ]),
          };
        const invalid = this.issueTextProblems(title, b.body);
        if (invalid) return { status: 422, body: errorJson(422, 'Validation Failed', docs, [invalid]) };
        // Labels from users without push access are silently dropped, as on GitHub.
        const labels = canPush ? this.labelNames(repo, b.labels) : [];
        const issue = this.newIssue(repo, account.login, title, typeof b.body === 'string' ? b.body : null, labels);
        if (canPush && Array.isArray(b.assignees)) issue.assignees = b.assignees.map(String);
        return {
          status: 201,
          body: issueOut(issue),
          headers: { location: `${urls.api}/repos/${repo.fullName}/issues/${issue.number}` },
        };
      }
      case 'issues/get': {
        if (!repo.hasIssues) return issuesDisabled();
        const issue = repo.issues.find((i) => i.number === Number(params.issue_number));
        return issue
          ? { status: 200, body: issueOut(issue) }
          : { status: 404, body: errorJson(404, 'Not Found', docs) };
      }
      case 'issues/update': {
        if (!repo.hasIssues) return issuesDisabled();
        const issue = repo.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return { status: 404, body: errorJson(404, 'Not Found', docs) };
        if (!canPush && issue.author !== account.login) return forbidden();
        if ('title' in b) {
          const title = b.title === null ? '' : String(b.title);
          if (!title.trim())
            return {
              status: 422,
              body: errorJson(422, 'Validation Failed', docs, [
                { resource: 'Issue', code: 'missing_field', field: 'title' },
              ]),
            };
        }
        const invalid = this.issueTextProblems(
          'title' in b ? String(b.title) : issue.title,
          'body' in b ? b.body : issue.body,
        );
        if (invalid) return { status: 422, body: errorJson(422, 'Validation Failed', docs, [invalid]) };
        if ('title' in b) issue.title = String(b.title);
        if ('body' in b) issue.body = b.body === null ? null : String(b.body);
        if (canPush && 'labels' in b) issue.labels = this.labelNames(repo, b.labels);
        if (canPush && Array.isArray(b.assignees)) issue.assignees = b.assignees.map(String);
        if (b.state === 'closed' || b.state === 'open') {
          issue.state = b.state;
          issue.closedAt = b.state === 'closed' ? nowIso() : null;
          issue.stateReason =
            b.state === 'closed' ? String(b.state_reason ?? 'completed') : issue.closedAt ? 'reopened' : null;
        }
        issue.updatedAt = nowIso();
        return { status: 200, body: issueOut(issue) };
      }
      case 'issues/add-labels': {
        if (!repo.hasIssues) return issuesDisabled();
        const issue = repo.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return { status: 404, body: errorJson(404, 'Not Found', docs) };
        if (!canPush) return forbidden();
        const names = this.labelNames(repo, Array.isArray(body) ? body : b.labels);
        for (const name of names)
          if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(name);
        issue.updatedAt = nowIso();
        return { status: 200, body: issue.labels.map((n) => labelOut(findLabel(n)!)) };
      }
      case 'issues/remove-label': {
        if (!repo.hasIssues) return issuesDisabled();
        const issue = repo.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return { status: 404, body: errorJson(404, 'Not Found', docs) };
        if (!canPush) return forbidden();
        const at = issue.labels.findIndex((l) => l.toLowerCase() === params.name.toLowerCase());
        if (at < 0) return { status: 404, body: errorJson(404, 'Label does not exist', docs) };
        issue.labels.splice(at, 1);
        return { status: 200, body: issue.labels.map((n) => labelOut(findLabel(n)!)) };
      }
      default:
        return (
          this.comments.dispatch(operationId, {
            repo,
            params,
            query,
            body,
            login: account.login,
            canPush,
            urls,
            docs,
            page: (items, path) => this.page(items, query, urls, path),
          }) ??
          this.compare.dispatch(operationId, { fullName: repo.fullName, params, urls, docs }) ??
          this.git.dispatch(operationId, { fullName: repo.fullName, params, query, urls, docs }) ??
          this.deployments.dispatch(operationId, {
            fullName: repo.fullName,
            params,
            query,
            urls,
            docs,
            page: (items, path) => this.page(items, query, urls, path),
          }) ??
          this.events.dispatch(operationId, {
            fullName: repo.fullName,
            params,
            urls,
            page: (items, path) => this.page(items, query, urls, path),
          }) ?? { status: 404, body: errorJson(404, 'Not Found', docs) }
        );
    }
  }

  private issueTextProblems(title: string, body: unknown): Record<string, unknown> | undefined {
    if (title.length > 256)
      return {
        resource: 'Issue',
        code: 'custom',
        field: 'title',
        message: 'title is too long (maximum is 256 characters)',
      };
    if (typeof body === 'string' && body.length > 65536)
      return {
        resource: 'Issue',
        code: 'custom',
        field: 'body',
        message: 'body is too long (maximum is 65536 characters)',
      };
    return undefined;
  }

  /** Label names for an issue; as on GitHub, a missing label is created with the default colour. */
  private labelNames(repo: RepoState, labels: unknown): string[] {
    if (!Array.isArray(labels)) return [];
    const out: string[] = [];
    for (const entry of labels) {
      const name = typeof entry === 'string' ? entry : String((entry as { name?: string })?.name ?? '');
      if (!name) continue;
      let label = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
      if (!label) {
        label = { id: nextId++, name, color: 'ededed', description: null };
        repo.labels.push(label);
      }
      if (!out.includes(label.name)) out.push(label.name);
    }
    return out;
  }

  private newIssue(repo: RepoState, author: string, title: string, body: string | null, labels: string[]): StoredIssue {
    const now = nowIso();
    const issue: StoredIssue = {
      id: nextId++,
      number: repo.issues.reduce((max, i) => Math.max(max, i.number), 0) + 1,
      title,
      body,
      state: 'open',
      stateReason: null,
      labels,
      assignees: [],
      author,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    repo.issues.push(issue);
    return issue;
  }

  /** One page of a list, with GitHub's Link header (absolute URLs, rel next/last/first/prev). */
  private page(items: unknown[], query: Record<string, string>, urls: Urls, path: string): Answer {
    const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30));
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
      return `<${urls.api}${path}?${q}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    return {
      status: 200,
      body: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : {},
    };
  }

  private responseProblems(
    operation: Parameters<OpenAPIBackend['validator']['validateResponse']>[1],
    answer: Answer,
  ): string[] {
    const op = operation as { responses?: Record<string, unknown> };
    if (!op.responses?.[String(answer.status)]) {
      return answer.status < 400
        ? [`answer ${answer.status} is not described for ${(operation as { operationId?: string }).operationId}`]
        : [];
    }
    const result = this.api.validator.validateResponse(answer.body, operation, answer.status);
    return result.valid
      ? []
      : (result.errors ?? []).map((e) => `stand-in answer ${answer.status}${e.instancePath} ${e.message}`);
  }

  // Control API for suites that run the stand-in as a separate process (main.ts).
  private control(method: string, path: string, raw: string, res: ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    try {
      const body = raw ? JSON.parse(raw) : {};
      if (method === 'GET' && path === '/_stand-in/state') {
        const repos = Object.fromEntries(
          [...this.repos.values()].map((r) => [
            r.fullName,
            { hasIssues: r.hasIssues, labels: r.labels, issues: r.issues },
          ]),
        );
        return reply(200, { repositories: repos, requests: this.requests, problems: this.problems() });
      }
      if (method === 'POST' && path === '/_stand-in/faults') {
        this.inject(body as FaultRule);
        return reply(204, null);
      }
      if (method === 'POST' && path === '/_stand-in/reset') {
        this.reset();
        return reply(204, null);
      }
      if (method === 'POST' && path === '/_stand-in/repositories') {
        this.addRepository(body as StandInRepository);
        return reply(204, null);
      }
      if (method === 'POST' && path === '/_stand-in/git') {
        // A repository's files on a branch, for calendar sources: {"repository", "files": {path: text}, "branch"?}.
        const { repository, files, branch } = body as {
          repository: string;
          files: Record<string, string>;
          branch?: string;
        };
        this.git.seedFiles(repository, files, branch);
        return reply(204, null);
      }
      if (method === 'POST' && path === '/_stand-in/label-as') {
        // A person adds or removes a label on GitHub: {"repository", "issue", "label", "login", "remove"?}.
        const { repository, issue, label, login, remove } = body as {
          repository: string;
          issue: number;
          label: string;
          login: string;
          remove?: boolean;
        };
        if (remove) this.unlabelAs(repository, issue, label, login);
        else this.labelAs(repository, issue, label, login);
        return reply(204, null);
      }
      if (method === 'POST' && path === '/_stand-in/tokens') {
        this.addToken(body as StandInToken);
        return reply(204, null);
      }
      return reply(404, { message: `no control route ${method} ${path}` });
    } catch (error) {
      return reply(400, { message: (error as Error).message });
    }
  }
}

/**
 * Body fields GitHub does not know are silently ignored there (its schemas allow additional
 * properties); here they are problems. Unknown query parameters openapi-backend reports itself.
 */
function strictProblems(operation: unknown, body: unknown): string[] {
  const op = operation as {
    requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  };
  const problems: string[] = [];
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (body !== undefined && !op.requestBody) problems.push('a body on an operation that takes none');
  if (schema?.properties && body && typeof body === 'object' && !Array.isArray(body)) {
    for (const key of Object.keys(body)) if (!(key in schema.properties)) problems.push(`unknown body field "${key}"`);
  }
  return problems;
}

export function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  return GitHubStandIn.start(options);
}
