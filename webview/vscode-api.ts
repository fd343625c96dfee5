// The API VS Code gives a webview page, typed by the messages that page sends. One typing for the
// calendar, metrics and go/no-go pages; each page's protocol module names its message type.
export interface VsCodeApi<Message = unknown> {
  postMessage(message: Message): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The page's API (VS Code hands it out once per page, so the entry module calls this once). */
export function acquireApi<Message>(): VsCodeApi<Message> {
  return acquireVsCodeApi() as VsCodeApi<Message>;
}
