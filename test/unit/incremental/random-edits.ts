// Seeded random edits of the kinds a person makes in a runbook: typing and deleting characters,
// changing values, breaking and mending the syntax, adding, copying and removing steps, moving
// lines in and out. Deterministic for a seed, so a failure can be replayed.

export interface TextEdit {
  kind: string;
  start: number;
  end: number;
  text: string;
}

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

const VALUES = [
  '5m',
  '2h',
  'bogus',
  '2026-13-01T00:00',
  '2026-03-02T23:00',
  'yes',
  'true',
  '"@carol"',
  'restore-group-0001',
  'restore-nowhere',
  '',
  '[a, b]',
  '{x: 1}',
  'production',
  'prod',
  'FREQ=WEEKLY',
];
const SYNTAX = [
  ':',
  ': ',
  '-',
  '- ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '# ',
  '&a ',
  '*a',
  '|',
  '>',
  '\t',
  '%',
  '---\n',
  '? ',
  '!!str ',
  ',',
  '  ',
  '\r\n',
  '@',
  '`',
];
const WORDS = [
  'shard',
  'canary',
  'x',
  'timeout',
  'verify',
  'rollback',
  'id',
  'title',
  'run',
  'irreversible',
  'owner',
  'notes',
];

function lineBounds(text: string, random: Random): [number, number] {
  const at = Math.floor(random() * text.length);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  return [start, newline < 0 ? text.length : newline + 1];
}

function itemBounds(text: string, random: Random): [number, number] | undefined {
  const starts: number[] = [];
  const pattern = /^ {2,4}- id: /gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) starts.push(m.index);
  if (starts.length === 0) return undefined;
  const k = Math.floor(random() * starts.length);
  const start = starts[k];
  const end = k + 1 < starts.length ? starts[k + 1] : text.indexOf('\n', start) + 1;
  return [start, end];
}

export function randomEdit(text: string, random: Random): TextEdit {
  const at = Math.floor(random() * (text.length + 1));
  const roll = random();
  if (roll < 0.2) {
    return { kind: 'type', start: at, end: at, text: pick(random, ['a', 'e', 's', '1', ' ', '-', 'z']) };
  }
  if (roll < 0.3) {
    const [, end] = lineBounds(text, random);
    const eol = end > 0 && text[end - 1] === '\n' ? end - 1 : end;
    return { kind: 'append-word', start: eol, end: eol, text: ` ${pick(random, WORDS)}` };
  }
  if (roll < 0.42) {
    const length = 1 + Math.floor(random() * 6);
    return { kind: 'delete', start: at, end: Math.min(text.length, at + length), text: '' };
  }
  if (roll < 0.52) {
    const [start, end] = lineBounds(text, random);
    const line = text.slice(start, end);
    const colon = line.indexOf(': ');
    if (colon > 0) {
      const eol = line.endsWith('\n') ? line.length - 1 : line.length;
      return { kind: 'value', start: start + colon + 2, end: start + eol, text: pick(random, VALUES) };
    }
    return { kind: 'type', start: at, end: at, text: 'x' };
  }
  if (roll < 0.62) return { kind: 'syntax', start: at, end: at, text: pick(random, SYNTAX) };
  if (roll < 0.67)
    return {
      kind: 'newline',
      start: at,
      end: at,
      text: pick(random, ['\n', '\n    ', '\n  - ', '\n\n', '\n# note\n']),
    };
  if (roll < 0.72) {
    const [start, end] = lineBounds(text, random);
    return { kind: 'delete-line', start, end, text: '' };
  }
  if (roll < 0.77) {
    const item = itemBounds(text, random);
    if (item) return { kind: 'copy-item', start: item[1], end: item[1], text: text.slice(item[0], item[1]) };
  }
  if (roll < 0.81) {
    const item = itemBounds(text, random);
    if (item) return { kind: 'delete-item', start: item[0], end: item[1], text: '' };
  }
  if (roll < 0.86) {
    const [start] = lineBounds(text, random);
    if (random() < 0.5) return { kind: 'indent', start, end: start, text: pick(random, ['  ', ' ']) };
    const spaces = /^ +/.exec(text.slice(start, start + 8))?.[0].length ?? 0;
    return { kind: 'dedent', start, end: start + Math.min(spaces, 2), text: '' };
  }
  if (roll < 0.9) {
    const item = itemBounds(text, random);
    const n = Math.floor(random() * 1000);
    const step = `  - id: added-${n}\n    title: Added step ${n}\n    run: ./added.sh ${n}\n    timeout: 1m\n    rollback: restore-group-0001\n`;
    if (item) return { kind: 'new-step', start: item[0], end: item[0], text: step };
  }
  if (roll < 0.95) {
    const [start, end] = lineBounds(text, random);
    const line = text.slice(start, end);
    const key = /^(\s*(?:- )?)([a-z-]+):/.exec(line);
    if (key)
      return {
        kind: 'rename-key',
        start: start + key[1].length,
        end: start + key[1].length + key[2].length,
        text: pick(random, ['titel', 'timout', 'rollback', 'run', 'id', 'steps', 'verify', 'window']),
      };
  }
  const length = Math.floor(random() * 200);
  const from = Math.max(0, Math.min(text.length, at));
  return { kind: 'cut', start: from, end: Math.min(text.length, from + length), text: '' };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}
