// Issue comments for the GitHub stand-in: list, create, get, update and delete, as the release-day
// status comment uses them (delete: a person removing the status comment on GitHub). Kept apart from stand-in.ts, which plugs them in with a few lines:
//   openapi.ts    SERVED_PATHS: [..., ...COMMENT_PATHS]   (so requests are routed and validated)
//   stand-in.ts   readonly comments = new CommentRoutes();
//                 dispatch(), default case: this.comments.dispatch(operationId, {...}) ?? 404
//                 reset(): this.comments.reset();
// Tests read and seed them through `standIn.comments` (comments(), seedComment()).
import type { StoredIssue, Urls } from './github-objects';
import { errorJson, nowIso, userJson } from './github-objects';

export const COMMENT_PATHS = [
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/issues/comments/{comment_id}',
];

export const COMMENT_OPERATIONS = [
  'issues/list-comments',
  'issues/create-comment',
  'issues/get-comment',
  'issues/update-comment',
  'issues/delete-comment',
] as const;

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

/** What the stand-in knows about the request, handed to the comment routes. */
export interface CommentRequest {
  repo: { fullName: string; hasIssues: boolean; issues: StoredIssue[] };
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  login: string;
  canPush: boolean;
  urls: Urls;
  docs: string;
  /** One page of a list with GitHub's Link header (the stand-in's own paging). */
  page: (items: unknown[], path: string) => CommentAnswer;
}

export interface CommentAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

let nextCommentId = 9_000_000;

export class CommentRoutes {
  /** Comments by repository (`owner/name`, lower case). */
  private readonly byRepo = new Map<string, StoredComment[]>();

  /** The comments of a repository, oldest first; of one issue when `issueNumber` is given. */
  comments(fullName = 'acme/releases', issueNumber?: number): StoredComment[] {
    const all = this.byRepo.get(fullName.toLowerCase()) ?? [];
    return issueNumber === undefined ? all : all.filter((c) => c.issueNumber === issueNumber);
  }

  /** Stores a comment as if written on GitHub directly. */
  seedComment(fullName: string, issueNumber: number, body: string, author = 'someone'): StoredComment {
    return this.store(fullName, issueNumber, body, author);
  }

  /** Removes a comment as if deleted on GitHub; true when it was there. */
  deleteComment(fullName: string, id: number): boolean {
    const list = this.byRepo.get(fullName.toLowerCase()) ?? [];
    const at = list.findIndex((c) => c.id === id);
    if (at >= 0) list.splice(at, 1);
    return at >= 0;
  }

  reset(): void {
    this.byRepo.clear();
  }

  /** The answer for a comment operation; undefined for any other operation. */
  dispatch(operationId: string, request: CommentRequest): CommentAnswer | undefined {
    if (!(COMMENT_OPERATIONS as readonly string[]).includes(operationId)) return undefined;
    const { repo, params, body, urls, docs } = request;
    const notFound = (): CommentAnswer => ({ status: 404, body: errorJson(404, 'Not Found', docs) });
    if (!repo.hasIssues) return { status: 410, body: errorJson(410, 'Issues are disabled for this repo', docs) };
    const b = (body ?? {}) as Record<string, unknown>;
    const out = (c: StoredComment) => commentJson(urls, repo.fullName, c, request.canPush ? 'MEMBER' : 'NONE');

    switch (operationId) {
      case 'issues/list-comments': {
        const issue = repo.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return notFound();
        let list = this.comments(repo.fullName, issue.number);
        if (request.query.since) list = list.filter((c) => c.updatedAt >= request.query.since);
        return request.page(list.map(out), `/repos/${repo.fullName}/issues/${issue.number}/comments`);
      }
      case 'issues/create-comment': {
        const issue = repo.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return notFound();
        const text = typeof b.body === 'string' ? b.body : '';
        const invalid = bodyProblem(text);
        if (invalid) return { status: 422, body: errorJson(422, 'Validation Failed', docs, [invalid]) };
        const comment = this.store(repo.fullName, issue.number, text, request.login);
        return {
          status: 201,
          body: out(comment),
          headers: { location: `${urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}` },
        };
      }
      case 'issues/get-comment': {
        const comment = this.comments(repo.fullName).find((c) => c.id === Number(params.comment_id));
        return comment ? { status: 200, body: out(comment) } : notFound();
      }
      case 'issues/update-comment': {
        const comment = this.comments(repo.fullName).find((c) => c.id === Number(params.comment_id));
        if (!comment) return notFound();
        // As on GitHub: authors edit their own comments; others need push access.
        if (!request.canPush && comment.author !== request.login)
          return { status: 403, body: errorJson(403, 'Resource not accessible by personal access token', docs) };
        const text = typeof b.body === 'string' ? b.body : '';
        const invalid = bodyProblem(text);
        if (invalid) return { status: 422, body: errorJson(422, 'Validation Failed', docs, [invalid]) };
        comment.body = text;
        comment.updatedAt = nowIso();
        return { status: 200, body: out(comment) };
      }
      case 'issues/delete-comment': {
        const comment = this.comments(repo.fullName).find((c) => c.id === Number(params.comment_id));
        if (!comment) return notFound();
        if (!request.canPush && comment.author !== request.login)
          return { status: 403, body: errorJson(403, 'Resource not accessible by personal access token', docs) };
        this.deleteComment(repo.fullName, comment.id);
        return { status: 204, body: null };
      }
    }
    return undefined;
  }

  private store(fullName: string, issueNumber: number, body: string, author: string): StoredComment {
    const now = nowIso();
    const comment: StoredComment = { id: nextCommentId++, issueNumber, body, author, createdAt: now, updatedAt: now };
    const key = fullName.toLowerCase();
    const list = this.byRepo.get(key) ?? [];
    list.push(comment);
    this.byRepo.set(key, list);
    return comment;
  }
}

function bodyProblem(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return { resource: 'IssueComment', code: 'missing_field', field: 'body' };
  if (text.length > 65536)
    return {
      resource: 'IssueComment',
      code: 'custom',
      field: 'body',
      message: 'body is too long (maximum is 65536 characters)',
    };
  return undefined;
}

/** GitHub's issue-comment object, with every field its description requires. */
export function commentJson(
  urls: Urls,
  repo: string,
  comment: StoredComment,
  association: string,
): Record<string, unknown> {
  const url = `${urls.api}/repos/${repo}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url,
    html_url: `${urls.web}/${repo}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(urls, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: association,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0,
    },
  };
}
