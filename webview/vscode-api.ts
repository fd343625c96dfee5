// What VS Code gives a webview's script: one typing for every panel, by the messages it may post.
// `acquireVsCodeApi` may be called once per page, so each bundle's entry calls vsCodeApi() once.

export interface VsCodeApi<Posted> {
  postMessage(message: Posted): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown>;

/** The page's VS Code API, typed with the messages its protocol module lets it post. */
export function vsCodeApi<Posted>(): VsCodeApi<Posted> {
  return acquireVsCodeApi() as VsCodeApi<Posted>;
}
