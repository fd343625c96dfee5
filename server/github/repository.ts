// Repository names (`owner/name`), tickets (`owner/name#number`) and git remote URLs.

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface TicketRef extends RepoRef {
  number: number;
}

const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})';
const NAME = '[A-Za-z0-9._-]{1,100}';
const REPOSITORY = new RegExp(`^(${OWNER})/(${NAME})$`);
const TICKET = new RegExp(`^(?:(${OWNER})/(${NAME}))?#(\\d{1,10})$`);

export function parseRepository(text: string | undefined | null): RepoRef | undefined {
  const m = REPOSITORY.exec(String(text ?? '').trim());
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  return { owner: m[1], repo: m[2].replace(/\.git$/, '') };
}

export function repositoryName(ref: RepoRef): string {
  return `${ref.owner}/${ref.repo}`;
}

/** `owner/name#123`, or `#123` in `defaultRepo`. */
export function parseTicket(text: string | undefined | null, defaultRepo?: RepoRef): TicketRef | undefined {
  const m = TICKET.exec(String(text ?? '').trim());
  if (!m) return undefined;
  const number = Number(m[3]);
  if (!Number.isSafeInteger(number) || number < 1) return undefined;
  if (m[1]) return { owner: m[1], repo: m[2], number };
  return defaultRepo ? { ...defaultRepo, number } : undefined;
}

export function formatTicket(ticket: TicketRef): string {
  return `${ticket.owner}/${ticket.repo}#${ticket.number}`;
}

export function sameRepository(a: RepoRef, b: RepoRef): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
}

/** The web host of an API URL: api.github.com → github.com, https://ghe.acme.com/api/v3 → ghe.acme.com. */
export function webHostOf(apiUrl: string): string | undefined {
  try {
    const host = new URL(apiUrl).host.toLowerCase();
    return host === 'api.github.com' ? 'github.com' : host;
  } catch {
    return undefined;
  }
}

/**
 * `owner/name` from a git remote URL on `host`: https://github.com/o/n(.git),
 * git@github.com:o/n.git, ssh://git@github.com/o/n.git. Other hosts give undefined.
 */
export function repositoryFromRemote(url: string, host: string): RepoRef | undefined {
  const clean = url.trim();
  let remoteHost: string | undefined;
  let path: string | undefined;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(clean);
  if (/^[a-z+]+:\/\//i.test(clean)) {
    try {
      const parsed = new URL(clean);
      remoteHost = parsed.host.toLowerCase();
      path = parsed.pathname;
    } catch {
      return undefined;
    }
  } else if (scp) {
    remoteHost = scp[1].toLowerCase();
    path = scp[2];
  }
  if (!remoteHost || !path) return undefined;
  const wanted = host.toLowerCase();
  // An ssh URL may carry a port (ssh://git@host:2222/o/n); the web host has none.
  if (remoteHost !== wanted && remoteHost.replace(/:\d+$/, '') !== wanted.replace(/:\d+$/, '')) return undefined;
  const parts = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/');
  if (parts.length !== 2) return undefined;
  return parseRepository(`${parts[0]}/${parts[1]}`);
}
