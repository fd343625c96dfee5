// `freeze`: no freeze covers the instant for the environment (a justified emergency change may
// proceed), and a maintenance-only environment takes the change only inside a maintenance window.
// The same periods and environment coverage as RB009 and RB019, asked about one instant.
import type { RunbookModel } from '../model';
import { formatInstant } from '../time';
import { coversEnvironment, WorkspaceIndex } from '../workspace-index';
import { failed, GateCheck, passed } from './gate-check';

export function freezeCheck(index: WorkspaceIndex, environment: string, at: number, runbook?: RunbookModel): GateCheck {
  const calendar = index.calendar();
  const instant = { start: at, end: at + 1 };
  const freezes = calendar.freezes
    .filter((f) => coversEnvironment(f, environment))
    .flatMap((f) =>
      f
        .occurrences(instant)
        .map((o) => `"${f.id}" (${f.title}, ${formatInstant(o.start, f.zone)} to ${formatInstant(o.end, f.zone)})`),
    );
  const problems: string[] = [];
  const notes: string[] = [];
  if (freezes.length) {
    const emergency = runbook?.change.type?.text.trim() === 'emergency' && !!runbook.change.justification?.text.trim();
    if (emergency)
      notes.push(`freeze ${freezes.join(', ')} covers the instant; allowed as a justified emergency change`);
    else problems.push(`freeze ${freezes.join(', ')} covers ${environment} at the instant`);
  }
  const maintenanceOnly = (calendar.environments.get(environment) ?? []).some((d) => d.maintenanceOnly);
  if (maintenanceOnly) {
    const open = calendar.maintenance
      .filter((m) => coversEnvironment(m, environment))
      .flatMap((m) =>
        m
          .occurrences(instant)
          .map((o) => `"${m.id}" (${m.title}, ${formatInstant(o.start, m.zone)} to ${formatInstant(o.end, m.zone)})`),
      );
    if (open.length) notes.push(`inside maintenance window ${open[0]}`);
    else
      problems.push(
        `environment ${environment} takes changes only inside a maintenance window, and none is open at the instant`,
      );
  }
  if (problems.length) return failed('freeze', capitalize([...problems, ...notes].join('; ')));
  return passed(
    'freeze',
    notes.length ? capitalize(notes.join('; ')) : `No freeze covers ${environment} at the instant`,
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
