// The hostile workspaces of issue 16: recurrences and dependencies that once made linting and the
// calendar run for minutes. Each is a normal generated workspace (generate-workspace.ts) of the
// same runbooks with one hostile change, so its lint time compares with the normal one's.
import { CALENDAR_FILE, GeneratedFile, generateWorkspace } from './generate-workspace';

export type HostileKind = 'interval-freezes' | 'mutual-dependencies' | 'never-rule';

export const HOSTILE_KINDS: readonly HostileKind[] = ['interval-freezes', 'mutual-dependencies', 'never-rule'];

/** Recurring freezes added to the calendar (interval-freezes, never-rule). */
export const HOSTILE_FREEZES = 300;

export function hostileWorkspace(kind: HostileKind, runbooks: number, seed = 1): GeneratedFile[] {
  const files = generateWorkspace(runbooks, seed);
  switch (kind) {
    case 'interval-freezes':
      // INTERVAL>1 and no `from`: counted from 1970, so a naive expansion walks 56 years per question.
      return withFreezes(files, (i) => `FREQ=${['DAILY', 'WEEKLY', 'MONTHLY'][i % 3]};INTERVAL=${2 + (i % 5)}`);
    case 'never-rule':
      // Rules no date satisfies: a naive expansion walks to the year 9999 for every question.
      return withFreezes(
        files,
        (i) =>
          [
            'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31',
            'FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31',
            'FREQ=WEEKLY;BYMONTH=11;BYMONTHDAY=31',
            'FREQ=MONTHLY;BYMONTH=6;BYMONTHDAY=31',
          ][i % 4],
      );
    case 'mutual-dependencies':
      return allDependOnEachOther(files);
  }
}

function withFreezes(files: GeneratedFile[], rule: (i: number) => string): GeneratedFile[] {
  const entries = Array.from({ length: HOSTILE_FREEZES }, (_, i) =>
    [
      `  - id: hostile-${i}`,
      `    title: Hostile ${i}`,
      `    rrule: "${rule(i)}"`,
      `    start-time: "0${i % 10}:${String(i % 60).padStart(2, '0')}"`,
      '    duration: 1h',
      '    environments: [staging]',
    ].join('\n'),
  );
  return files.map((f) => (f.path === CALENDAR_FILE ? { ...f, text: insertFreezes(f.text, entries.join('\n')) } : f));
}

function insertFreezes(calendar: string, entries: string): string {
  const at = calendar.indexOf('\nfreezes:\n');
  if (at < 0) throw new Error('the generated calendar has no freezes section');
  const end = at + '\nfreezes:\n'.length;
  return `${calendar.slice(0, end)}${entries}\n${calendar.slice(end)}`;
}

/** Every runbook depends on every other one: one cycle of all of them (RB013) and n² edges. */
function allDependOnEachOther(files: GeneratedFile[]): GeneratedFile[] {
  const ids = files.map((f) => /^runbook: (\S+)$/m.exec(f.text)?.[1]).filter((id): id is string => !!id);
  return files.map((f) => {
    const own = /^runbook: (\S+)$/m.exec(f.text)?.[1];
    if (!own) return f;
    const list = `depends-on:\n${ids
      .filter((id) => id !== own)
      .map((id) => `  - ${id}`)
      .join('\n')}\n`;
    const without = f.text.replace(/^depends-on:\n(?:  - .*\n)*/m, '');
    return { ...f, text: without.replace(/^window:/m, `${list}window:`) };
  });
}
