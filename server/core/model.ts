// The runbook and calendar models, read leniently from the YAML tree: a value of the wrong
// type is left out here and reported by RB004, so the model never throws on bad input.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { keyRange, nodeRange, pairKey, scalarText, SourceFile, valueRange } from './source-file';
import { emptyRange, Range } from './text-range';

/** A scalar field: its text, where its key is and where its value is. */
export interface Field {
  text: string;
  raw: unknown;
  keyRange: Range;
  valueRange: Range;
}

/** A key whose value is a block (map or list). */
export interface Section {
  keyRange: Range;
  node: Node | null;
}

export interface IdItem {
  id?: Field;
  /** Range of the whole list item. */
  range: Range;
  /** Where to report about the item when it has no id: its first key. */
  anchorRange: Range;
  fields: Map<string, Field>;
  node: YAMLMap;
}

export interface StepModel extends IdItem {
  index: number;
  title?: Field;
  run?: Field;
  timeout?: Field;
  rollback?: Field;
  irreversible?: Field;
  owner?: Field;
}

export interface RefItem {
  text: string;
  range: Range;
}

export interface RunbookModel {
  kind: 'runbook';
  uri: string;
  file: SourceFile;
  root?: YAMLMap;
  fields: Map<string, Field>;
  sections: Map<string, Section>;
  id?: Field;
  window: { section?: Section; start?: Field; end?: Field; duration?: Field };
  change: { section?: Section; type?: Field; risk?: Field; justification?: Field; ticket?: Field };
  dependsOn: RefItem[];
  notify: string[];
  preconditions: IdItem[];
  steps: StepModel[];
  rollback: { section?: Section; trigger?: Field; decision?: Field; stepsSection?: Section; steps: StepModel[] };
  verification: IdItem[];
  outcome: { section?: Section; fields: Map<string, Field> };
}

export interface EnvironmentModel {
  name: Field;
  range: Range;
  fields: Map<string, Field>;
}

export interface PeriodModel extends IdItem {
  section: 'freezes' | 'maintenance';
  environments?: RefItem[];
  environmentsKeyRange?: Range;
}

export interface CalendarModel {
  kind: 'calendar';
  uri: string;
  file: SourceFile;
  root?: YAMLMap;
  fields: Map<string, Field>;
  sections: Map<string, Section>;
  id?: Field;
  timezone?: Field;
  environments: EnvironmentModel[];
  environmentsSection?: Section;
  freezes: PeriodModel[];
  maintenance: PeriodModel[];
}

export type FileModel = RunbookModel | CalendarModel;

export function buildModel(file: SourceFile): FileModel {
  return file.kind === 'runbook' ? buildRunbook(file) : buildCalendar(file);
}

function rootMap(file: SourceFile): YAMLMap | undefined {
  const contents = file.doc.contents;
  return isMap(contents) ? (contents as YAMLMap) : undefined;
}

// Ranges are computed when first read, then kept: only diagnostics and editor features at the
// cursor read them, and building two ranges for every field of thousands of files was most of
// the model's time and memory. Reading `keyRange`/`valueRange` gives what the eager fields held.
class PairField implements Field {
  #file: SourceFile;
  #pair: Pair;
  #keyRange?: Range;
  #valueRange?: Range;
  constructor(public text: string, public raw: unknown, file: SourceFile, pair: Pair) {
    this.#file = file;
    this.#pair = pair;
  }
  get keyRange(): Range {
    return (this.#keyRange ??= keyRange(this.#file, this.#pair) ?? emptyRange);
  }
  set keyRange(range: Range) {
    this.#keyRange = range;
  }
  get valueRange(): Range {
    return (this.#valueRange ??= valueRange(this.#file, this.#pair) ?? this.keyRange);
  }
  set valueRange(range: Range) {
    this.#valueRange = range;
  }
  toJSON(): Field {
    return { text: this.text, raw: this.raw, keyRange: this.keyRange, valueRange: this.valueRange };
  }
}

class PairSection implements Section {
  #file: SourceFile;
  #pair: Pair;
  #keyRange?: Range;
  constructor(file: SourceFile, pair: Pair, public node: Node | null) {
    this.#file = file;
    this.#pair = pair;
  }
  get keyRange(): Range {
    return (this.#keyRange ??= keyRange(this.#file, this.#pair) ?? emptyRange);
  }
  set keyRange(range: Range) {
    this.#keyRange = range;
  }
  toJSON(): Section {
    return { keyRange: this.keyRange, node: this.node };
  }
}

/** Scalar fields and block sections of a map, by key. Later duplicates are ignored (RB001 reports them). */
export function readMap(file: SourceFile, map: YAMLMap | undefined): { fields: Map<string, Field>; sections: Map<string, Section> } {
  const fields = new Map<string, Field>();
  const sections = new Map<string, Section>();
  if (!map) return { fields, sections };
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const key = pairKey(item as Pair);
    if (key === undefined || fields.has(key) || sections.has(key)) continue;
    const value = resolve(file, (item as Pair).value);
    if (isMap(value) || isSeq(value)) {
      sections.set(key, new PairSection(file, item as Pair, value as Node));
    } else {
      const text = scalarText(value);
      if (text !== undefined) {
        fields.set(key, new PairField(text, (value as { value: unknown }).value, file, item as Pair));
      } else {
        // An empty value: a section with nothing in it, so RB003 can say it is empty.
        sections.set(key, new PairSection(file, item as Pair, null));
      }
    }
  }
  return { fields, sections };
}

/** Follows an alias one step, never expanding it (an alias bomb stays a single node). */
function resolve(file: SourceFile, node: unknown): unknown {
  if (isAlias(node)) {
    try {
      return node.resolve(file.doc) ?? null;
    } catch {
      return null;
    }
  }
  return node;
}

function mapItems(file: SourceFile, section: Section | undefined): YAMLMap[] {
  if (!section || !isSeq(section.node)) return [];
  const out: YAMLMap[] = [];
  for (const item of section.node.items) {
    const resolved = resolve(file, item);
    if (isMap(resolved)) out.push(resolved as YAMLMap);
  }
  return out;
}

function scalarItems(file: SourceFile, section: Section | undefined, field?: Field): RefItem[] {
  if (section && isSeq(section.node)) {
    const out: RefItem[] = [];
    for (const item of section.node.items) {
      const resolved = resolve(file, item);
      const text = scalarText(resolved);
      if (text !== undefined) out.push({ text, range: nodeRange(file, item as Node) ?? section.keyRange });
    }
    return out;
  }
  // `depends-on: orders-db` (a single id) is read as a list of one; RB004 still asks for a list.
  if (field) return [{ text: field.text, range: field.valueRange }];
  return [];
}

function readIdItem(file: SourceFile, map: YAMLMap): IdItem {
  const { fields } = readMap(file, map);
  const range = nodeRange(file, map) ?? emptyRange;
  const firstPair = map.items.find((p) => isPair(p)) as Pair | undefined;
  const anchorRange = (firstPair && keyRange(file, firstPair)) ?? range;
  return { id: fields.get('id'), range, anchorRange, fields, node: map };
}

function readSteps(file: SourceFile, section: Section | undefined): StepModel[] {
  return mapItems(file, section).map((map, index) => {
    const item = readIdItem(file, map);
    const f = item.fields;
    // Listed rather than spread: spreading each of thousands of steps was the model's hot spot.
    return {
      id: item.id,
      range: item.range,
      anchorRange: item.anchorRange,
      fields: f,
      node: item.node,
      index,
      title: f.get('title'),
      run: f.get('run'),
      timeout: f.get('timeout'),
      rollback: f.get('rollback'),
      irreversible: f.get('irreversible'),
      owner: f.get('owner'),
    };
  });
}

export function subSection(file: SourceFile, section: Section | undefined): { fields: Map<string, Field>; sections: Map<string, Section> } {
  return readMap(file, section && isMap(section.node) ? (section.node as YAMLMap) : undefined);
}

export function buildRunbook(file: SourceFile): RunbookModel {
  const root = rootMap(file);
  const { fields, sections } = readMap(file, root);
  const windowSection = sections.get('window');
  const win = subSection(file, windowSection);
  const changeSection = sections.get('change');
  const change = subSection(file, changeSection);
  const rollbackSection = sections.get('rollback');
  const rollback = subSection(file, rollbackSection);
  const outcomeSection = sections.get('outcome');
  return {
    kind: 'runbook',
    uri: file.uri,
    file,
    root,
    fields,
    sections,
    id: fields.get('runbook'),
    window: { section: windowSection, start: win.fields.get('start'), end: win.fields.get('end'), duration: win.fields.get('duration') },
    change: {
      section: changeSection,
      type: change.fields.get('type'),
      risk: change.fields.get('risk'),
      justification: change.fields.get('justification'),
      ticket: change.fields.get('ticket'),
    },
    dependsOn: scalarItems(file, sections.get('depends-on'), fields.get('depends-on')),
    notify: scalarItems(file, sections.get('notify'), fields.get('notify')).map((r) => r.text),
    preconditions: mapItems(file, sections.get('preconditions')).map((m) => readIdItem(file, m)),
    steps: readSteps(file, sections.get('steps')),
    rollback: {
      section: rollbackSection,
      trigger: rollback.fields.get('trigger'),
      decision: rollback.fields.get('decision'),
      stepsSection: rollback.sections.get('steps'),
      steps: readSteps(file, rollback.sections.get('steps')),
    },
    verification: mapItems(file, sections.get('verification')).map((m) => readIdItem(file, m)),
    outcome: { section: outcomeSection, fields: subSection(file, outcomeSection).fields },
  };
}

function readPeriods(file: SourceFile, section: Section | undefined, name: 'freezes' | 'maintenance'): PeriodModel[] {
  return mapItems(file, section).map((map) => {
    const item = readIdItem(file, map);
    const { sections } = readMap(file, map);
    const envSection = sections.get('environments');
    const envField = item.fields.get('environments');
    return {
      ...item,
      section: name,
      environments: envSection || envField ? scalarItems(file, envSection, envField) : undefined,
      environmentsKeyRange: envSection?.keyRange ?? envField?.keyRange,
    };
  });
}

export function buildCalendar(file: SourceFile): CalendarModel {
  const root = rootMap(file);
  const { fields, sections } = readMap(file, root);
  const environmentsSection = sections.get('environments');
  const environments: EnvironmentModel[] = [];
  for (const map of mapItems(file, environmentsSection)) {
    const item = readIdItem(file, map);
    const name = item.fields.get('name');
    if (name) environments.push({ name, range: item.range, fields: item.fields });
  }
  return {
    kind: 'calendar',
    uri: file.uri,
    file,
    root,
    fields,
    sections,
    id: fields.get('calendar'),
    timezone: fields.get('timezone'),
    environments,
    environmentsSection,
    freezes: readPeriods(file, sections.get('freezes'), 'freezes'),
    maintenance: readPeriods(file, sections.get('maintenance'), 'maintenance'),
  };
}

/** Every id of a runbook file that shares the one namespace (preconditions, steps, rollback steps, verifications). */
export function idItemsOf(runbook: RunbookModel): { item: IdItem; kind: 'precondition' | 'step' | 'rollback-step' | 'verification' }[] {
  return [
    ...runbook.preconditions.map((item) => ({ item, kind: 'precondition' as const })),
    ...runbook.steps.map((item) => ({ item, kind: 'step' as const })),
    ...runbook.rollback.steps.map((item) => ({ item, kind: 'rollback-step' as const })),
    ...runbook.verification.map((item) => ({ item, kind: 'verification' as const })),
  ];
}

export function isTrue(field: Field | undefined): boolean {
  return !!field && (field.raw === true || field.text === 'true');
}
