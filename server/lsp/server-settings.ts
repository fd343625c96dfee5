// The server's settings: rule severities (`releaseRunbooks.rules`, or initializationOptions.rules),
// the diagnostics debounce, the coordinator's time zone, where calendar sources are cached. Bad entries are dropped with a message.
import * as path from 'node:path';
import { SEVERITIES, SeverityOverrides } from '../core/diagnostics';

const LEVELS: readonly string[] = [...SEVERITIES, 'off'];
const RULE_CODE = /^RB\d{3}$/;
// Short: with incremental re-parsing the debounce is most of the edit-to-diagnostics time.
export const DEFAULT_DEBOUNCE_MS = 50;

export interface InitOptions {
  rules?: SeverityOverrides;
  debounceMs: number;
  timeZone?: string;
  /** Whether code lenses include submit, preview and the ticket (a client with its own turns them off). */
  changeRequestLenses: boolean;
  /** Calendar sources: where their cache lives (absent: not read), the API and how often to read again. */
  sourcesCacheDir?: string;
  githubApiUrl?: string;
  sourcesRefreshMinutes: number;
}

/** Sources are read again this often unless initializationOptions.sourcesRefreshMinutes says otherwise. */
export const DEFAULT_SOURCES_REFRESH_MINUTES = 15;

export function readRuleOverrides(value: unknown, warn: (message: string) => void): SeverityOverrides | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    warn(`releaseRunbooks.rules must be an object such as { "RB014": "error" }; using the default severities`);
    return undefined;
  }
  const out: SeverityOverrides = {};
  for (const [key, level] of Object.entries(value as Record<string, unknown>)) {
    const code = key.trim().toUpperCase();
    const normalized = typeof level === 'string' ? level.trim().toLowerCase() : level;
    if (!RULE_CODE.test(code)) {
      warn(`releaseRunbooks.rules: "${key}" is not a rule code such as RB014; ignored`);
    } else if (typeof normalized !== 'string' || !LEVELS.includes(normalized)) {
      warn(`releaseRunbooks.rules: ${JSON.stringify(level)} for ${code} is not one of ${LEVELS.join(', ')}; ignored`);
    } else {
      out[code] = normalized as SeverityOverrides[string];
    }
  }
  return out;
}

export function readInitOptions(value: unknown, warn: (message: string) => void): InitOptions {
  const options = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const debounce = options.debounceMs;
  const debounceMs =
    typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0
      ? Math.min(debounce, 10_000)
      : DEFAULT_DEBOUNCE_MS;
  if (debounce !== undefined && debounceMs !== debounce)
    warn(`initializationOptions.debounceMs must be a number of milliseconds from 0 to 10000; using ${debounceMs}`);
  const timeZone = typeof options.timeZone === 'string' ? options.timeZone : undefined;
  const cacheDir = options.sourcesCacheDir;
  const sourcesCacheDir = typeof cacheDir === 'string' && path.isAbsolute(cacheDir) ? cacheDir : undefined;
  if (cacheDir !== undefined && !sourcesCacheDir)
    warn('initializationOptions.sourcesCacheDir must be an absolute folder path; calendar sources are not read');
  const githubApiUrl =
    typeof options.githubApiUrl === 'string' && options.githubApiUrl.trim() ? options.githubApiUrl.trim() : undefined;
  const refresh = options.sourcesRefreshMinutes;
  const sourcesRefreshMinutes =
    typeof refresh === 'number' && Number.isFinite(refresh) && refresh >= 0
      ? Math.min(refresh, 24 * 60)
      : DEFAULT_SOURCES_REFRESH_MINUTES;
  if (refresh !== undefined && sourcesRefreshMinutes !== refresh)
    warn(
      `initializationOptions.sourcesRefreshMinutes must be a number of minutes from 0 (never) to 1440; using ${sourcesRefreshMinutes}`,
    );
  return {
    rules: readRuleOverrides(options.rules, warn),
    debounceMs,
    timeZone,
    changeRequestLenses: options.changeRequestLenses !== false,
    sourcesCacheDir,
    githubApiUrl,
    sourcesRefreshMinutes,
  };
}

/** The `releaseRunbooks` section as a client sends it (pulled, or pushed with didChangeConfiguration). */
export function readSection(
  section: unknown,
  warn: (message: string) => void,
): { rules?: SeverityOverrides; timeZone?: string } {
  if (!section || typeof section !== 'object') return {};
  const s = section as Record<string, unknown>;
  return {
    rules: readRuleOverrides(s.rules, warn),
    timeZone: typeof s.timeZone === 'string' && s.timeZone ? s.timeZone : undefined,
  };
}
