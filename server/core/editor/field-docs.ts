// How a DSL key is described to the user, in completion and hover alike (from dsl-schema.ts only).
import { DSL, FieldSpec, ObjectName, TypeSpec } from '../dsl-schema';

const FORMAT_NAMES: Record<string, string> = {
  string: 'text',
  markdown: 'Markdown text',
  'runbook-id': 'id (lower-case letters, digits, dashes)',
  id: 'id',
  handle: 'GitHub handle',
  instant: 'instant (ISO 8601)',
  duration: 'duration (15m, 1h30m, PT2H)',
  timezone: 'IANA time zone',
  rrule: 'RFC 5545 RRULE',
  'time-of-day': 'time of day ("HH:MM")',
  date: 'date (YYYY-MM-DD)',
  boolean: 'true or false',
  ticket: 'ticket (owner/repo#123)',
};

export function describeType(type: TypeSpec): string {
  switch (type.kind) {
    case 'scalar':
      return type.format === 'enum' ? (type.values ?? []).join(' | ') : (FORMAT_NAMES[type.format] ?? type.format);
    case 'object':
      return `map (${objectLabel(type.object)})`;
    case 'list':
      return `list of ${type.item.kind === 'object' ? `${objectLabel(type.item.object)} entries` : describeType(type.item)}`;
  }
}

export function objectLabel(object: ObjectName): string {
  return object.replace(/-/g, ' ');
}

/** One line: "required · instant (ISO 8601)". */
export function fieldDetail(field: FieldSpec): string {
  return `${field.required ? 'required · ' : ''}${describeType(field.type)}`;
}

/** The Markdown shown for a key: its doc, its type and an example. */
export function fieldMarkdown(key: string, field: FieldSpec, object: ObjectName): string {
  const parts = [`**${key}** — ${fieldDetail(field)}`, '', field.doc];
  if (field.type.kind === 'object') parts.push('', DSL[field.type.object].doc);
  if (field.example) parts.push('', `Example: \`${key}: ${field.example}\``);
  if (object !== 'runbook' && object !== 'calendar') parts.push('', `_In ${withArticle(objectLabel(object))}._`);
  return parts.join('\n');
}

function withArticle(label: string): string {
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}
