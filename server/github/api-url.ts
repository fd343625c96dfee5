// Where GitHub's REST API is, and whether a token may be sent there. Apart from the Octokit client
// (github-client.ts), so that the extension checks its settings without loading Octokit.

export const DEFAULT_API_URL = 'https://api.github.com';

export function normalizeApiUrl(url: string | undefined): string {
  const raw = (url ?? '').trim() || DEFAULT_API_URL;
  return raw.replace(/\/+$/, '');
}

/** Checks an API URL given by a user; returns the reason when it is not usable. */
export function checkApiUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; use https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `"${url}" is not an http(s) URL`;
  if (parsed.username || parsed.password) return 'the API URL must not contain credentials; give the token separately';
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    return `"${url}" would send the token unencrypted; use https:// (plain http:// is allowed only to this machine: localhost, 127.0.0.0/8, ::1)`;
  }
  return undefined;
}

/** localhost, 127.0.0.0/8 or ::1: the only hosts a token may reach over plain HTTP. */
export function isLoopback(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
