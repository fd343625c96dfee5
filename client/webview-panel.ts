// The extension host's side of every webview panel and view, one way: the webview's options (scripts
// on, command links off, files only from the extension's own folders), the URIs of its bundle and
// stylesheet, and a typed channel that reads each message with the panel's protocol parser
// (webview/message-guard.ts: malformed messages are logged and dropped) and posts the protocol's
// messages. The page itself (nonce, CSP, `--vscode-*` theming) is built with client/webview-page.ts.
import * as vscode from 'vscode';
import { acceptMessage, MessageParser } from '../webview/message-guard';

/** Scripts on, command URIs off, and nothing loaded but the extension's files in these folders (dist, media). */
export function webviewOptions(extensionUri: vscode.Uri, folders: readonly string[]): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: folders.map((f) => vscode.Uri.joinPath(extensionUri, f)),
  };
}

/** One of the extension's files as the page loads it. */
export function webviewResource(webview: vscode.Webview, extensionUri: vscode.Uri, ...path: string[]): string {
  return webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
}

/** A webview's messages, both ways, as its protocol module types them. */
export class WebviewChannel<Received, Sent> implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    protocol: { parse: MessageParser<Received>; panel: string; warn?: (text: string) => void },
    handle: (message: Received) => unknown,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => {
      const message = acceptMessage(protocol.parse, raw, protocol.panel, protocol.warn);
      if (message === undefined) return;
      // A handler that fails is logged with its panel, never left as an unhandled rejection.
      const failed = (error: unknown) =>
        (protocol.warn ?? console.warn)(
          `[release-runbooks] ${protocol.panel}: a "${String((message as { type?: unknown }).type)}" message failed: ${(error as Error)?.message ?? String(error)}`,
        );
      try {
        const done = handle(message);
        if (done instanceof Promise) done.catch(failed);
      } catch (error) {
        failed(error);
      }
    });
  }

  post(message: Sent): Thenable<boolean> {
    return this.webview.postMessage(message);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
