// The runbook and calendar models, read leniently from the YAML tree: a value of the wrong
// type is left out here and reported by RB004, so the model never throws on bad input.
import { isAlias, isMap, isPair, isScalar, isSeq, YAMLMap } from 'yaml';
import type { Node, Pair } from 'yaml';
import { pairKey, scalarText, SourceFile } from './source-file';
import { emptyRange, Range, rangeFromOffsets } from './text-range';

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
  fields: ReadonlyMap<string, Field>;
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
  fields: ReadonlyMap<string, Field>;
  sections: ReadonlyMap<string, Section>;
  id?: Field;
  window: { section?: Section; start?: Field; end?: Field; duration?: Field };
  change: { section?: Section; type?: Field; risk?: Field; justification?: Field; ticket?: Field };
  dependsOn: RefItem[];
  notify: string[];
  preconditions: IdItem[];
  steps: StepModel[];
  rollback: { section?: Section; trigger?: Field; decision?: Field; stepsSection?: Section; steps: StepModel[] };
  verification: IdItem[];
  outcome: { section?: Section; fields: ReadonlyMap<string, Field> };
  /** Access and provisioning requests (`access`, `provisioning`), filed as issues of their own. */
  access: IdItem[];
  provisioning: IdItem[];
}

export interface EnvironmentModel {
  name: Field;
  range: Range;
  fields: ReadonlyMap<string, Field>;
}

export interface PeriodModel extends IdItem {
  section: 'freezes' | 'maintenance' | 'bookings';
  environments?: RefItem[];
  /** A maintenance window's `services`: what it affects. */
  services?: RefItem[];
  environmentsKeyRange?: Range;
}

export interface CalendarModel {
  kind: 'calendar';
  uri: string;
  file: SourceFile;
  root?: YAMLMap;
  fields: ReadonlyMap<string, Field>;
  sections: ReadonlyMap<string, Section>;
  id?: Field;
  timezone?: Field;
  environments: EnvironmentModel[];
  environmentsSection?: Section;
  freezes: PeriodModel[];
  maintenance: PeriodModel[];
  bookings: PeriodModel[];
}

export type FileModel = RunbookModel | CalendarModel;

export function buildModel(file: SourceFile): FileModel {
  return file.kind === 'runbook' ? buildRunbook(file) : buildCalendar(file);
}

function rootMap(file: SourceFile): YAMLMap | undefined {
  const contents = file.doc.contents;
  return isMap(contents) ? (contents as YAMLMap) : undefined;
}

// The model holds no YAML node: only texts and source offsets. A node is found again, when asked
// for, by its path from the document's root (item indices, following aliases as the build did),
// so the server can drop the parsed documents of closed files and keep their models (see
// source-file.ts). Ranges are computed from offsets when read: only diagnostics and editor
// features at the cursor read them, and building two ranges for every field of thousands of
// files was most of the model's time and memory.
type NodePath = readonly number[];

/**
 * A path kept as one small integer when it is at most three indices below 1023 (every path of a
 * runbook or calendar in practice), else as the list: thousands of files hold dozens of paths each.
 */
type PackedPath = number | NodePath;

function packPath(path: NodePath): PackedPath {
  if (path.length > 3 || path.some((i) => i >= 1023)) return path;
  let packed = 0;
  for (const i of path) packed = packed * 1024 + (i + 1);
  return packed;
}

function unpackPath(packed: PackedPath): NodePath {
  if (typeof packed !== 'number') return packed;
  const path: number[] = [];
  for (let rest = packed; rest > 0; rest = Math.floor(rest / 1024)) path.unshift((rest % 1024) - 1);
  return path;
}

function nodeAtPath(file: SourceFile, packed: PackedPath): Node | null {
  let node: unknown = file.doc.contents;
  for (const step of unpackPath(packed)) {
    if (isMap(node)) {
      const item = node.items[step];
      node = isPair(item) ? resolve(file, item.value) : null;
    } else if (isSeq(node)) {
      node = resolve(file, node.items[step]);
    } else return null;
  }
  return (node ?? null) as Node | null;
}

function startOf(node: unknown): number {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : -1;
}

function endOf(node: unknown): number {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[1] : -1;
}

function offsetsRange(file: SourceFile, start: number, end: number, fallback: Range): Range {
  return start < 0 ? fallback : rangeFromOffsets(file.lineCounter, start, end);
}

class PairField implements Field {
  #file: SourceFile;
  #keyStart: number;
  #keyEnd: number;
  #valueStart: number;
  #valueEnd: number;
  constructor(
    public text: string,
    file: SourceFile,
    pair: Pair,
  ) {
    this.#file = file;
    this.#keyStart = startOf(pair.key);
    this.#keyEnd = endOf(pair.key);
    // An empty value (`key:`) is reported on its key, as valueRange() in source-file.ts does.
    const value = pair.value as Node | null;
    const empty =
      !value || !value.range || (isScalar(value) && value.value === null && value.range[0] === value.range[1]);
    this.#valueStart = empty ? -1 : startOf(value);
    this.#valueEnd = empty ? -1 : endOf(value);
  }
  /** A string value is its text; other scalars (true, 42) keep their value in ValueField. */
  get raw(): unknown {
    return this.text;
  }
  get keyRange(): Range {
    return offsetsRange(this.#file, this.#keyStart, this.#keyEnd, emptyRange);
  }
  get valueRange(): Range {
    return this.#valueStart < 0
      ? this.keyRange
      : rangeFromOffsets(this.#file.lineCounter, this.#valueStart, this.#valueEnd);
  }
  toJSON(): Field {
    return { text: this.text, raw: this.raw, keyRange: this.keyRange, valueRange: this.valueRange };
  }
}

class ValueField extends PairField {
  #raw: unknown;
  constructor(text: string, raw: unknown, file: SourceFile, pair: Pair) {
    super(text, file, pair);
    this.#raw = raw;
  }
  override get raw(): unknown {
    return this.#raw;
  }
}

/**
 * One string for each key and short value seen (`id`, `timeout`, `10m`, `production`): the
 * parser makes a new one at every occurrence, and thousands of files repeat them. Bounded, so
 * a workspace of odd values cannot grow it without end.
 */
const shared = new Map<string, string>();
const SHARED_MAX = 50_000;
const SHARED_LENGTH = 24;

function share(text: string): string {
  if (text.length > SHARED_LENGTH) return text;
  const known = shared.get(text);
  if (known !== undefined) return known;
  if (shared.size < SHARED_MAX) shared.set(text, text);
  return text;
}

class PairSection implements Section {
  #file: SourceFile;
  #keyStart: number;
  #keyEnd: number;
  /** Where the value is: a path from the root, or the node itself for maps read outside the model's tree. */
  #at: PackedPath | Node | null;
  constructor(file: SourceFile, pair: Pair, at: NodePath | Node | null) {
    this.#file = file;
    this.#keyStart = startOf(pair.key);
    this.#keyEnd = endOf(pair.key);
    this.#at = Array.isArray(at) ? packPath(at as NodePath) : at;
  }
  #isPath(): boolean {
    return typeof this.#at === 'number' || Array.isArray(this.#at);
  }
  get keyRange(): Range {
    return offsetsRange(this.#file, this.#keyStart, this.#keyEnd, emptyRange);
  }
  get node(): Node | null {
    return this.#isPath() ? nodeAtPath(this.#file, this.#at as PackedPath) : (this.#at as Node | null);
  }
  /** The value's path from the root, when the section belongs to the model's tree. */
  get path(): NodePath | undefined {
    return this.#isPath() ? unpackPath(this.#at as PackedPath) : undefined;
  }
  /** The node is left out: it is the YAML tree, not the model, and reading it may parse the file again. */
  toJSON(): Pick<Section, 'keyRange'> {
    return { keyRange: this.keyRange };
  }
}

/**
 * Scalar fields and block sections of a map, by key. Later duplicates are ignored (RB001 reports
 * them). `path` is the map's path from the root; without it, sections keep their nodes.
 */
export function readMap(
  file: SourceFile,
  map: YAMLMap | undefined,
  path?: NodePath,
): { fields: ReadonlyMap<string, Field>; sections: ReadonlyMap<string, Section> } {
  if (!map)
    return { fields: EMPTY_TABLE as ReadonlyMap<string, Field>, sections: EMPTY_TABLE as ReadonlyMap<string, Section> };
  const fields = new Table<Field>();
  const sections = new Table<Section>();
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isPair(item)) continue;
    const name = pairKey(item as Pair);
    if (name === undefined || fields.has(name) || sections.has(name)) continue;
    const key = share(name);
    const value = resolve(file, (item as Pair).value);
    if (isMap(value) || isSeq(value)) {
      sections.set(key, new PairSection(file, item as Pair, path ? [...path, i] : (value as Node)));
    } else {
      const text = scalarText(value);
      if (text !== undefined) {
        const raw = (value as { value: unknown }).value;
        fields.set(
          key,
          typeof raw === 'string' && raw === text
            ? new PairField(share(text), file, item as Pair)
            : new ValueField(share(text), raw, file, item as Pair),
        );
      } else {
        // An empty value: a section with nothing in it, so RB003 can say it is empty.
        sections.set(key, new PairSection(file, item as Pair, null));
      }
    }
  }
  return { fields: fields.done(), sections: sections.done() };
}

/**
 * A read-only map of a few keys, kept as one list of keys and values: a Map costs about three
 * times as much, and a model holds one per step.
 */
class Table<V> implements ReadonlyMap<string, V> {
  #items: unknown[] = [];
  /** Positions by key, once the table is too long to search (a file of thousands of keys). */
  #index: Map<string, number> | undefined;
  get size(): number {
    return this.#items.length / 2;
  }
  #find(key: string): number {
    if (this.#index) return this.#index.get(key) ?? -1;
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) if (items[i] === key) return i;
    return -1;
  }
  get(key: string): V | undefined {
    const at = this.#find(key);
    return at < 0 ? undefined : (this.#items[at + 1] as V);
  }
  has(key: string): boolean {
    return this.#find(key) >= 0;
  }
  /** Adds a key not there yet (readMap checks). */
  set(key: string, value: V): void {
    const items = this.#items;
    if (this.#index) this.#index.set(key, items.length);
    else if (items.length >= 2 * TABLE_SEARCH_MAX) {
      this.#index = new Map();
      for (let i = 0; i < items.length; i += 2) this.#index.set(items[i] as string, i);
      this.#index.set(key, items.length);
    }
    items.push(key, value);
  }
  /** Trims the list once filled; an empty table is the shared one. */
  done(): ReadonlyMap<string, V> {
    if (this.#items.length === 0) return EMPTY_TABLE as ReadonlyMap<string, V>;
    this.#items = this.#items.slice();
    return this;
  }
  *entries(): MapIterator<[string, V]> {
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) yield [items[i] as string, items[i + 1] as V];
  }
  *keys(): MapIterator<string> {
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) yield items[i] as string;
  }
  *values(): MapIterator<V> {
    const items = this.#items;
    for (let i = 1; i < items.length; i += 2) yield items[i] as V;
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
  toJSON(): Record<string, V> {
    return Object.fromEntries(this.entries());
  }
}

const EMPTY_TABLE: ReadonlyMap<string, never> = new Table<never>();
const TABLE_SEARCH_MAX = 32;

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

function sectionPath(section: Section | undefined): NodePath | undefined {
  return section instanceof PairSection ? section.path : undefined;
}

/** The maps of a list section, each with its path from the root. */
/** The scalar fields of each map in a list section (`sources`, `channels`), in order. */
export function listItemFields(file: SourceFile, section: Section | undefined): ReadonlyMap<string, Field>[] {
  return mapItems(file, section).map(({ map, path }) => readMap(file, map, path).fields);
}

function mapItems(file: SourceFile, section: Section | undefined): { map: YAMLMap; path: NodePath | undefined }[] {
  const node = section?.node;
  if (!section || !isSeq(node)) return [];
  const base = sectionPath(section);
  const out: { map: YAMLMap; path: NodePath | undefined }[] = [];
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const resolved = resolve(file, items[i]);
    if (isMap(resolved)) out.push({ map: resolved as YAMLMap, path: base ? [...base, i] : undefined });
  }
  return out;
}

class NodeRef implements RefItem {
  #file: SourceFile;
  #start: number;
  #end: number;
  #fallback: Section;
  constructor(
    public text: string,
    file: SourceFile,
    node: Node,
    fallback: Section,
  ) {
    this.#file = file;
    this.#start = startOf(node);
    this.#end = endOf(node);
    this.#fallback = fallback;
  }
  get range(): Range {
    return this.#start < 0 ? this.#fallback.keyRange : rangeFromOffsets(this.#file.lineCounter, this.#start, this.#end);
  }
  toJSON(): RefItem {
    return { text: this.text, range: this.range };
  }
}

class FieldRef implements RefItem {
  #field: Field;
  constructor(
    public text: string,
    field: Field,
  ) {
    this.#field = field;
  }
  get range(): Range {
    return this.#field.valueRange;
  }
  toJSON(): RefItem {
    return { text: this.text, range: this.range };
  }
}

function scalarItems(file: SourceFile, section: Section | undefined, field?: Field): RefItem[] {
  const node = section?.node;
  if (section && isSeq(node)) {
    const out: RefItem[] = [];
    for (const item of node.items) {
      const resolved = resolve(file, item);
      const text = scalarText(resolved);
      if (text !== undefined) out.push(new NodeRef(text, file, item as Node, section));
    }
    return out;
  }
  // `depends-on: orders-db` (a single id) is read as a list of one; RB004 still asks for a list.
  if (field) return [new FieldRef(field.text, field)];
  return [];
}

/** A map in a list (a step, a check, a freeze): its fields, where it is, and its node by path. */
class MapItem implements IdItem {
  id?: Field;
  fields: ReadonlyMap<string, Field>;
  #file: SourceFile;
  #at: PackedPath | YAMLMap;
  #start: number;
  #end: number;
  #anchorStart: number;
  #anchorEnd: number;
  constructor(file: SourceFile, map: YAMLMap, path: NodePath | undefined, fields: ReadonlyMap<string, Field>) {
    this.#file = file;
    this.#at = path ? packPath(path) : map;
    this.fields = fields;
    this.id = fields.get('id');
    this.#start = startOf(map);
    this.#end = endOf(map);
    const firstPair = map.items.find((p) => isPair(p)) as Pair | undefined;
    this.#anchorStart = firstPair ? startOf(firstPair.key) : -1;
    this.#anchorEnd = firstPair ? endOf(firstPair.key) : -1;
  }
  get range(): Range {
    return offsetsRange(this.#file, this.#start, this.#end, emptyRange);
  }
  /** Where to report about the item when it has no id: its first key. */
  get anchorRange(): Range {
    return this.#anchorStart < 0
      ? this.range
      : rangeFromOffsets(this.#file.lineCounter, this.#anchorStart, this.#anchorEnd);
  }
  get node(): YAMLMap {
    const at = this.#at;
    if (typeof at !== 'number' && !Array.isArray(at)) return at as YAMLMap;
    const node = nodeAtPath(this.#file, at as PackedPath);
    return (isMap(node) ? node : new YAMLMap()) as YAMLMap;
  }
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this)) out[key] = (this as unknown as Record<string, unknown>)[key];
    return { ...out, range: this.range, anchorRange: this.anchorRange };
  }
}

class StepItem extends MapItem implements StepModel {
  constructor(
    file: SourceFile,
    map: YAMLMap,
    path: NodePath | undefined,
    fields: ReadonlyMap<string, Field>,
    public index: number,
  ) {
    super(file, map, path, fields);
  }
  // Read from the fields when asked: a runbook of thousands of steps need not hold them twice.
  get title(): Field | undefined {
    return this.fields.get('title');
  }
  get run(): Field | undefined {
    return this.fields.get('run');
  }
  get timeout(): Field | undefined {
    return this.fields.get('timeout');
  }
  get rollback(): Field | undefined {
    return this.fields.get('rollback');
  }
  get irreversible(): Field | undefined {
    return this.fields.get('irreversible');
  }
  get owner(): Field | undefined {
    return this.fields.get('owner');
  }
}

class PeriodItem extends MapItem implements PeriodModel {
  environments?: RefItem[];
  services?: RefItem[];
  environmentsKeyRange?: Range;
  constructor(
    file: SourceFile,
    map: YAMLMap,
    path: NodePath | undefined,
    public section: 'freezes' | 'maintenance' | 'bookings',
  ) {
    const { fields, sections } = readMap(file, map, path);
    super(file, map, path, fields);
    // A booking names one environment (`environment`); freezes and maintenance a list.
    const envSection = section === 'bookings' ? undefined : sections.get('environments');
    const envField = fields.get(section === 'bookings' ? 'environment' : 'environments');
    this.environments = envSection || envField ? scalarItems(file, envSection, envField) : undefined;
    this.environmentsKeyRange = envSection?.keyRange ?? envField?.keyRange;
    if (section === 'maintenance' && (sections.get('services') || fields.get('services')))
      this.services = scalarItems(file, sections.get('services'), fields.get('services'));
  }
}

function readIdItem(file: SourceFile, map: YAMLMap, path: NodePath | undefined): IdItem {
  return new MapItem(file, map, path, readMap(file, map, path).fields);
}

function readSteps(file: SourceFile, section: Section | undefined): StepModel[] {
  return mapItems(file, section).map(
    ({ map, path }, index) => new StepItem(file, map, path, readMap(file, map, path).fields, index),
  );
}

export function subSection(
  file: SourceFile,
  section: Section | undefined,
): { fields: ReadonlyMap<string, Field>; sections: ReadonlyMap<string, Section> } {
  const node = section?.node;
  return readMap(file, node && isMap(node) ? (node as YAMLMap) : undefined, sectionPath(section));
}

export function buildRunbook(file: SourceFile): RunbookModel {
  const { fields, sections } = readMap(file, rootMap(file), []);
  const windowSection = sections.get('window');
  const win = subSection(file, windowSection);
  const changeSection = sections.get('change');
  const change = subSection(file, changeSection);
  const rollbackSection = sections.get('rollback');
  const rollback = subSection(file, rollbackSection);
  const outcomeSection = sections.get('outcome');
  return withRoot({
    kind: 'runbook',
    uri: file.uri,
    file,
    fields,
    sections,
    id: fields.get('runbook'),
    window: {
      section: windowSection,
      start: win.fields.get('start'),
      end: win.fields.get('end'),
      duration: win.fields.get('duration'),
    },
    change: {
      section: changeSection,
      type: change.fields.get('type'),
      risk: change.fields.get('risk'),
      justification: change.fields.get('justification'),
      ticket: change.fields.get('ticket'),
    },
    dependsOn: scalarItems(file, sections.get('depends-on'), fields.get('depends-on')),
    notify: scalarItems(file, sections.get('notify'), fields.get('notify')).map((r) => r.text),
    preconditions: mapItems(file, sections.get('preconditions')).map(({ map, path }) => readIdItem(file, map, path)),
    steps: readSteps(file, sections.get('steps')),
    rollback: {
      section: rollbackSection,
      trigger: rollback.fields.get('trigger'),
      decision: rollback.fields.get('decision'),
      stepsSection: rollback.sections.get('steps'),
      steps: readSteps(file, rollback.sections.get('steps')),
    },
    verification: mapItems(file, sections.get('verification')).map(({ map, path }) => readIdItem(file, map, path)),
    outcome: { section: outcomeSection, fields: subSection(file, outcomeSection).fields },
    access: mapItems(file, sections.get('access')).map(({ map, path }) => readIdItem(file, map, path)),
    provisioning: mapItems(file, sections.get('provisioning')).map(({ map, path }) => readIdItem(file, map, path)),
  });
}

/** `root` is read from the document when asked for; not enumerable, so serialising a model never parses a released file. */
function withRoot<M extends FileModel>(model: Omit<M, 'root'>): M {
  const file = model.file;
  return Object.defineProperty(model, 'root', { get: () => rootMap(file), enumerable: false, configurable: true }) as M;
}

function readPeriods(
  file: SourceFile,
  section: Section | undefined,
  name: 'freezes' | 'maintenance' | 'bookings',
): PeriodModel[] {
  return mapItems(file, section).map(({ map, path }) => new PeriodItem(file, map, path, name));
}

export function buildCalendar(file: SourceFile): CalendarModel {
  const { fields, sections } = readMap(file, rootMap(file), []);
  const environmentsSection = sections.get('environments');
  const environments: EnvironmentModel[] = [];
  for (const { map, path } of mapItems(file, environmentsSection)) {
    const item = readIdItem(file, map, path);
    const name = item.fields.get('name');
    if (name) environments.push({ name, range: item.range, fields: item.fields });
  }
  return withRoot({
    kind: 'calendar',
    uri: file.uri,
    file,
    fields,
    sections,
    id: fields.get('calendar'),
    timezone: fields.get('timezone'),
    environments,
    environmentsSection,
    freezes: readPeriods(file, sections.get('freezes'), 'freezes'),
    maintenance: readPeriods(file, sections.get('maintenance'), 'maintenance'),
    bookings: readPeriods(file, sections.get('bookings'), 'bookings'),
  });
}

/** Every id of a runbook file that shares the one namespace (preconditions, steps, rollback steps, verifications). */
export function idItemsOf(
  runbook: RunbookModel,
): { item: IdItem; kind: 'precondition' | 'step' | 'rollback-step' | 'verification' }[] {
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
