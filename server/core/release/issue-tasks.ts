// The preconditions ticked on the change request: its body (render-change-request.ts) lists them
// as a task list under "### Preconditions" (`- [ ] **ci-green**: ...`); whoever ticks a box on
// GitHub confirms it.

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const TASK = /^\s*[-*+]\s+\[([ xX])\]\s+\*\*((?:[^*\\]|\\.)+)\*\*/;

/** Precondition id → ticked, read from the issue body's "Preconditions" section. */
export function preconditionTasks(body: string | null | undefined): Map<string, boolean> {
  const tasks = new Map<string, boolean>();
  if (!body) return tasks;
  let inSection = false;
  let inFence = false;
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      inSection = heading[1].trim().toLowerCase() === 'preconditions';
      continue;
    }
    if (!inSection) continue;
    const task = TASK.exec(line);
    if (task) tasks.set(unescapeMarkdown(task[2]), task[1] !== ' ');
  }
  return tasks;
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
