// Server refusals start in lower case ("the window is ...") to read well inside a sentence; shown
// alone, they start with a capital. Free of `vscode`: the go/no-go controller uses it too.

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
