// The change advisory board of the calendar files (`approvals:`): who may approve (GitHub users,
// and members of GitHub teams `org/team-slug`) and how many approvals each risk level needs.
// Several calendar files merge: the approvers of all of them, and the larger count per risk.
// A board that names nobody, or that names what cannot be a user or team, is RB043.
import { isSeq } from 'yaml';
import { RISKS } from '../dsl-schema';
import type { CalendarModel, Field, Section } from '../model';
import { subSection } from '../model';
import { scalarText } from '../source-file';
import { Range, rangeFromOffsets } from '../text-range';
import type { WorkspaceIndex } from '../workspace-index';

export interface ApprovalBoard {
  /** GitHub logins, lower case, without `@`. */
  users: string[];
  /** `org/team-slug`, lower case. */
  teams: { org: string; slug: string }[];
  /** Approvals needed per risk level (`low`, `medium`, `high`, `critical`). */
  required: Record<string, number>;
}

/** A part of the board that cannot be used, with where it is written (RB043). */
export interface BoardProblem {
  uri: string;
  range: Range;
  message: string;
}

const LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i;
const TEAM = /^([a-z0-9](?:[a-z0-9-]{0,38}))\/([a-z0-9][a-z0-9_.-]{0,99})$/i;

/** The board of the workspace's calendar files, or undefined when none configures one. */
export function approvalBoard(index: WorkspaceIndex): ApprovalBoard | undefined {
  let board: ApprovalBoard | undefined;
  for (const calendar of index.calendars()) {
    const own = readBoard(calendar).board;
    if (!own) continue;
    if (!board) board = { users: [], teams: [], required: {} };
    for (const user of own.users) if (!board.users.includes(user)) board.users.push(user);
    for (const team of own.teams)
      if (!board.teams.some((t) => t.org === team.org && t.slug === team.slug)) board.teams.push(team);
    for (const [risk, count] of Object.entries(own.required))
      board.required[risk] = Math.max(board.required[risk] ?? 0, count);
  }
  return board;
}

/**
 * Approvals a change of this risk needs: the count configured for its risk; for a risk that is
 * not set or not configured, the largest count configured (a missing risk never lowers the bar),
 * and at least one.
 */
export function requiredApprovals(board: ApprovalBoard, risk: string | undefined): number {
  const configured = risk ? board.required[risk.trim().toLowerCase()] : undefined;
  if (configured !== undefined) return Math.max(1, configured);
  return Math.max(1, ...Object.values(board.required));
}

/** One calendar file's board and what in it cannot be used. */
export function readBoard(calendar: CalendarModel): { board?: ApprovalBoard; problems: BoardProblem[] } {
  const section = calendar.sections.get('approvals');
  const problems: BoardProblem[] = [];
  if (!section) return { problems };
  const problem = (range: Range, message: string) => problems.push({ uri: calendar.uri, range, message });
  const { sections } = subSection(calendar.file, section);
  const approvers = sections.get('approvers');
  const who = subSection(calendar.file, approvers);
  const users: string[] = [];
  for (const { text, range } of listOf(calendar, who.sections.get('users'), who.fields.get('users'))) {
    const login = text.trim().replace(/^@/, '');
    if (LOGIN.test(login)) users.push(login.toLowerCase());
    else
      problem(
        range,
        `"${text}" is not a GitHub user name; write a login such as "@alice" (a team goes under approvers.teams as org/team-slug)`,
      );
  }
  const teams: ApprovalBoard['teams'] = [];
  for (const { text, range } of listOf(calendar, who.sections.get('teams'), who.fields.get('teams'))) {
    const m = TEAM.exec(text.trim().replace(/^@/, ''));
    if (m) teams.push({ org: m[1].toLowerCase(), slug: m[2].toLowerCase() });
    else problem(range, `"${text}" is not a GitHub team; write it as org/team-slug, e.g. "acme/release-board"`);
  }
  if (!users.length && !teams.length) {
    problem(
      approvers?.keyRange ?? section.keyRange,
      'The approval board names no approver (approvers.users or approvers.teams), so no approval would ever count; name the GitHub users or teams who approve changes',
    );
  }
  const required: Record<string, number> = {};
  const counts = subSection(calendar.file, sections.get('required'));
  for (const [risk, field] of counts.fields) {
    if (!(RISKS as readonly string[]).includes(risk)) {
      problem(field.keyRange, `"${risk}" is not a risk level; required takes ${RISKS.join(', ')}`);
      continue;
    }
    const count = Number(field.text);
    if (Number.isInteger(count) && count >= 1 && count <= 20) required[risk] = count;
    else
      problem(
        field.valueRange,
        `required.${risk} is "${field.text}"; write how many approvals a ${risk} change needs, a whole number from 1 to 20`,
      );
  }
  return { board: users.length || teams.length ? { users, teams, required } : undefined, problems };
}

/** The scalars of a list (or a single scalar) with where each is written. */
function listOf(
  calendar: CalendarModel,
  list: Section | undefined,
  single: Field | undefined,
): { text: string; range: Range }[] {
  if (single) return single.text.trim() ? [{ text: single.text, range: single.valueRange }] : [];
  if (!list || !isSeq(list.node)) return [];
  const out: { text: string; range: Range }[] = [];
  for (const item of list.node.items) {
    const text = scalarText(item);
    if (text === undefined || !text.trim()) continue;
    const r = (item as { range?: [number, number, number] }).range;
    const range = r ? rangeFromOffsets(calendar.file.lineCounter, r[0], r[1]) : list.keyRange;
    out.push({ text, range });
  }
  return out;
}
