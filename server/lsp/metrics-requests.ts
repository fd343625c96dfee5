// Metrics answered from the server's workspace: the metrics panel's report (with its Markdown and
// CSV exports), the weekly status report, and the retrospective document of a finished release.
// The change records are computed once per version of the workspace; `change.commits` ranges are
// read with git only when the client allows it (a trusted workspace, the setting on) and only in
// folders inside the workspace.
import * as path from 'node:path';
import {
  FINISHED_RELEASES_REQUEST,
  FinishedReleasesResult,
  METRICS_REQUEST,
  MetricsParams,
  MetricsResult,
  RETROSPECTIVE_REQUEST,
  RetrospectiveParams,
  RetrospectiveResult,
  RetrospectiveText,
  STATUS_REPORT_REQUEST,
  StatusReportParams,
  StatusReportResult,
} from '../../protocol/requests';
import { gitCommitTimes, oldestCommits } from '../cli/metrics';
import { releaseDocument } from '../core/run-rules';
import { openActionItems } from '../core/metrics/action-items';
import { changeRecords, CommitRange } from '../core/metrics/change-records';
import { metricsCsv } from '../core/metrics/metrics-csv';
import { metricsMarkdown } from '../core/metrics/metrics-markdown';
import { NotFinishedError, retrospectiveDocument } from '../core/metrics/retrospective-document';
import { weeklyStatusReport } from '../core/metrics/status-report';
import { answerQuery, MetricsSource } from './metrics-query';
import { CustomRequestContext, numberOr, onRequest, requestRunbook } from './request-context';

export function registerMetricsRequests(ctx: CustomRequestContext): void {
  const sources = new MetricsSources(ctx);

  onRequest<MetricsParams, MetricsResult>(ctx, METRICS_REQUEST, async (params) => {
    const source = await sources.get(params.readGitHistory === true);
    const answer = answerQuery(source, params.query, validGitHubInput(params.github));
    const partial = !ctx.isReady();
    if (answer.type === 'report') {
      const exported =
        params.export === 'markdown'
          ? metricsMarkdown(answer.report)
          : params.export === 'csv'
            ? metricsCsv(answer.report)
            : undefined;
      // The panel draws each period's totals; the breakdown by group per period is for the CSV alone.
      const periods = answer.report.periods.map(({ groups: _groups, ...period }) => period);
      return { ...answer, report: { ...answer.report, periods }, partial, exported };
    }
    if (answer.type === 'error') return { ...answer, partial };
    throw new Error('the metrics gave no answer');
  });

  onRequest<StatusReportParams, StatusReportResult>(ctx, STATUS_REPORT_REQUEST, async (params) => {
    const index = ctx.store.index;
    ctx.store.parseAllPending();
    const partial = !ctx.isReady();
    if (!index.runbooks().length) return { partial, ok: false, reason: 'no-runbooks' };
    const source = await sources.get(params.readGitHistory === true);
    const cab = params.cab && typeof params.cab === 'object' ? params.cab : {};
    const text = weeklyStatusReport(index, {
      now: numberOr(params.now, Date.now()),
      cab: (ticket) => {
        const key = ticket.trim().toLowerCase();
        return Object.prototype.hasOwnProperty.call(cab, key) ? cab[key] : undefined;
      },
      actionItems: openActionItems(texts(params.retrospectives)),
      oldestCommits: source.oldestCommits,
      metricWeeks: numberOr(params.metricWeeks, 4),
    });
    ctx.store.releaseClosedDocuments();
    return { partial, ok: true, text };
  });

  onRequest<unknown, FinishedReleasesResult>(ctx, FINISHED_RELEASES_REQUEST, () => {
    ctx.store.parseAllPending();
    const releases = ctx.store.index
      .runbooks()
      .filter((r) => r.outcome.fields.get('result'))
      .map((r) => ({
        uri: ctx.store.clientUri(r.uri),
        title: r.fields.get('title')?.text ?? r.id?.text ?? r.uri,
        id: r.id?.text ?? '',
        result: r.outcome.fields.get('result')?.text ?? '',
      }));
    return { partial: !ctx.isReady(), releases };
  });

  onRequest<RetrospectiveParams, RetrospectiveResult>(ctx, RETROSPECTIVE_REQUEST, async (params) => {
    const { runbook } = requestRunbook(ctx, params);
    // The change records, read once per version of the workspace (the document reads them all).
    await sources.get(false);
    const id = runbook.id?.text.trim();
    if (!id) return { ok: false, reason: 'no-id', message: 'the runbook has no id' };
    const title = runbook.fields.get('title')?.text ?? id;
    try {
      const text = retrospectiveDocument(ctx.store.index, runbook, {
        now: numberOr(params.now, Date.now()),
        runbookLink: typeof params.runbookLink === 'string' ? params.runbookLink : undefined,
        earlierItems: openActionItems(texts(params.earlier)),
      });
      ctx.store.releaseClosedDocuments();
      return { ok: true, id, title, text };
    } catch (error) {
      if (error instanceof NotFinishedError)
        return { ok: false, reason: 'not-finished', id, title, message: error.message };
      throw error;
    }
  });
}

/** The host's deployment records, or nothing when the shape is not the expected one. */
function validGitHubInput(input: MetricsParams['github']): MetricsParams['github'] {
  if (
    !input ||
    typeof input !== 'object' ||
    !Array.isArray(input.deployments) ||
    typeof input.service !== 'string' ||
    typeof input.repository !== 'string'
  )
    return undefined;
  return {
    repository: input.repository,
    service: input.service,
    deployments: input.deployments.filter(
      (d) =>
        d &&
        typeof d.id === 'number' &&
        typeof d.environment === 'string' &&
        Number.isFinite(d.createdAt) &&
        Array.isArray(d.statuses),
    ),
    services: input.services,
    problems: Array.isArray(input.problems) ? input.problems.filter((p) => typeof p === 'string') : [],
  };
}

function texts(files: unknown): RetrospectiveText[] {
  return Array.isArray(files)
    ? files.filter((f): f is RetrospectiveText => !!f && typeof f.path === 'string' && typeof f.text === 'string')
    : [];
}

/** The change records of the workspace's current version, with the oldest commits when git may be read. */
class MetricsSources {
  private cached: { version: number; git: boolean; source: Promise<MetricsSource> } | undefined;
  /** Commit times per repository folder and range; an answer of git stays good while the range names the same commits. */
  private readonly commitTimes = new Map<string, Promise<number[]>>();

  constructor(private readonly ctx: CustomRequestContext) {}

  get(readGit: boolean): Promise<MetricsSource> {
    this.ctx.store.parseAllPending();
    const index = this.ctx.store.index;
    if (this.cached && this.cached.version === index.version && this.cached.git === readGit) return this.cached.source;
    const source = this.compute(readGit);
    this.cached = { version: index.version, git: readGit, source };
    source.catch(() => (this.cached = undefined));
    return source;
  }

  private async compute(readGit: boolean): Promise<MetricsSource> {
    const index = this.ctx.store.index;
    // Reading a record parses a file that is not open again; its YAML tree goes again at once, so
    // the first answer over a large workspace does not hold every tree at the same time.
    const { changes, problems } = changeRecords(index, {
      afterRead: (runbook) => {
        if (!this.ctx.store.isOpen(runbook.uri))
          releaseDocument(index, runbook.uri, {
            onRuleError: (rule, file, error) => this.ctx.logError(`rule ${rule.code} failed on ${file.uri}`, error),
          });
      },
    });
    const zone = index.calendar().zone;
    if (!readGit || !changes.some((c) => c.commits)) return { changes, problems, zone };
    const commits = await oldestCommits(changes, (folder, range) => this.read(folder, range));
    return { changes, problems: [...problems, ...commits.problems], zone, oldestCommits: commits.oldest };
  }

  private read(folder: string, range: CommitRange): Promise<number[]> {
    if (!insideAny(folder, this.ctx.rootPaths()))
      return Promise.reject(new Error(`${folder} is outside the workspace folders; git is not run there`));
    const key = `${folder}\u0000${range.from}\u0000${range.to}`;
    let answer = this.commitTimes.get(key);
    if (!answer) {
      answer = gitCommitTimes(folder, range);
      if (this.commitTimes.size > 500) this.commitTimes.clear();
      this.commitTimes.set(key, answer);
      // A failure (a tag not fetched yet) is asked again next time.
      answer.catch(() => this.commitTimes.delete(key));
    }
    return answer;
  }
}

/** Whether `folder` is one of `roots` or inside one. */
export function insideAny(folder: string, roots: string[]): boolean {
  const target = path.resolve(folder);
  return roots.some((root) => {
    const relative = path.relative(path.resolve(root), target);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
}
