// What the client declared it can do, read once from `initialize`: the server answers in the
// forms each client takes (VS Code, Neovim, Emacs eglot, Helix differ) instead of assuming
// VS Code. Missing capabilities count as missing, as the protocol says.
import type { ClientCapabilities, InitializeParams } from 'vscode-languageserver/node';

export interface ClientSupport {
  /** VS Code or a fork: its own commands (`editor.action.triggerSuggest`, ours) can be attached. */
  vsCode: boolean;
  /** `completionItem.snippetSupport`: insert texts may hold tab stops. */
  snippets: boolean;
  /** `completionItem.documentationFormat` lists markdown. */
  completionMarkdown: boolean;
  /** `hover.contentFormat` lists markdown. */
  hoverMarkdown: boolean;
  /** The client watches files for us when asked (`didChangeWatchedFiles.dynamicRegistration`). */
  watchesFiles: boolean;
  /** `workspace.codeLens.refreshSupport`: the server may ask for code lenses again. */
  codeLensRefresh: boolean;
}

export function clientSupport(
  params: Pick<InitializeParams, 'capabilities' | 'clientInfo'> | undefined,
): ClientSupport {
  const capabilities: ClientCapabilities = params?.capabilities ?? {};
  const completionItem = capabilities.textDocument?.completion?.completionItem;
  const listsMarkdown = (formats: unknown) => Array.isArray(formats) && formats.includes('markdown');
  return {
    vsCode: /visual studio code|vscode|code-server|codium|cursor/i.test(params?.clientInfo?.name ?? ''),
    snippets: completionItem?.snippetSupport === true,
    completionMarkdown: listsMarkdown(completionItem?.documentationFormat),
    hoverMarkdown: listsMarkdown(capabilities.textDocument?.hover?.contentFormat),
    watchesFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    codeLensRefresh: capabilities.workspace?.codeLens?.refreshSupport === true,
  };
}
