// Markdown from hover and completion docs as plain text, for clients that do not render Markdown
// (`contentFormat` or `documentationFormat` without "markdown": Emacs eglot without markdown-mode,
// Neovim's defaults, some terminal editors). Fences go, code stays verbatim, emphasis and code
// span marks go, links keep their address, escapes are undone.
import type { MarkupContent } from './editor-types';

const FENCE = /^\s*(`{3,}|~{3,})[\w-]*\s*$/;
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

export function plainTextOf(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = FENCE.exec(line);
    if (m && (!fence || (m[1].startsWith(fence[0]) && m[1].length >= fence.length))) {
      fence = fence ? undefined : m[1];
      continue;
    }
    if (fence) {
      out.push(line);
      continue;
    }
    if (/^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) {
      out.push('');
      continue;
    }
    out.push(inlinePlain(line.replace(/^#{1,6}\s+/, '')));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

/** One line: code spans kept as they are, the Markdown around them undone. */
function inlinePlain(line: string): string {
  let result = '';
  let rest = line;
  for (;;) {
    const span = /(`+)(.*?[^`])\1(?!`)/.exec(rest);
    if (!span) return result + prose(rest);
    result += prose(rest.slice(0, span.index)) + span[2].replace(/^ (.*) $/, '$1');
    rest = rest.slice(span.index + span[0].length);
  }
}

function prose(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (_m, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e);
}

/** The content in the format the client asked for. */
export function inFormat(content: MarkupContent, markdown: boolean): MarkupContent {
  return markdown || content.kind !== 'markdown' ? content : { kind: 'plaintext', value: plainTextOf(content.value) };
}
