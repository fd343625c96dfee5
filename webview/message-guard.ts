// The one way a panel reads a message from the other side (host or webview): its protocol module's
// parser decides whether it is a message it knows with the fields it needs; anything else is
// ignored and logged, never acted on. Shared by the extension host and the webviews (no DOM, no
// `vscode`), so both sides of a panel check with the same code.

/** A protocol's reader: the message when it is well-formed, else undefined. */
export type MessageParser<T> = (value: unknown) => T | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** No keys beyond these. */
export function onlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

/** A string no longer than `max`. */
export function isText(value: unknown, max = 10_000): value is string {
  return typeof value === 'string' && value.length <= max;
}

export function isTextArray(value: unknown, max = 10_000): value is string[] {
  return Array.isArray(value) && value.every((v) => isText(v, max));
}

/**
 * The message as `parse` reads it, or undefined (logged with `panel` and the message's type) when
 * it is not one the panel knows. A parser that throws on odd input counts as a refusal.
 */
export function acceptMessage<T>(
  parse: MessageParser<T>,
  raw: unknown,
  panel: string,
  warn: (text: string) => void = console.warn,
): T | undefined {
  let message: T | undefined;
  try {
    message = parse(raw);
  } catch {
    message = undefined;
  }
  if (message === undefined) warn(`[release-runbooks] ${panel}: ignored a malformed message${describe(raw)}`);
  return message;
}

function describe(raw: unknown): string {
  const type = isRecord(raw) ? raw.type : undefined;
  return typeof type === 'string' ? ` of type "${type.slice(0, 40).replace(/[^\w-]/g, '?')}"` : '';
}
