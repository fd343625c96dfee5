// Building DOM without HTML strings: runbook text only ever reaches the page as text nodes and
// attribute values, so a title like `<img src=x onerror=...>` is shown, never parsed.

type Child = Node | string | null | undefined | false;

export interface Attrs {
  class?: string;
  [name: string]: string | number | boolean | undefined | null;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    // No inline handlers and no style attribute (the CSP forbids them); positions go through el.style.
    if (/^on/i.test(name) || name === 'style') throw new Error(`attribute ${name} is not allowed`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(el: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

const SVG = 'http://www.w3.org/2000/svg';

/** Small inline icons drawn as paths, so no icon font has to be allowed by the CSP. */
export function icon(
  name:
    | 'warning'
    | 'check'
    | 'cross'
    | 'arrow-up'
    | 'arrow-down'
    | 'snow'
    | 'wrench'
    | 'lock'
    | 'key'
    | 'chevron-left'
    | 'chevron-right',
  label?: string,
): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('class', `icon icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.appendChild(path);
  return svg;
}

const ICONS = {
  warning: 'M8 1.5 15.2 14H.8L8 1.5Zm-.75 4.25v4.5h1.5v-4.5h-1.5Zm0 5.75v1.5h1.5v-1.5h-1.5Z',
  check: 'M6.3 11.6 2.7 8l1.06-1.06 2.54 2.54 5.94-5.94L13.3 4.6l-7 7Z',
  cross:
    'M8 6.94 11.47 3.47l1.06 1.06L9.06 8l3.47 3.47-1.06 1.06L8 9.06l-3.47 3.47-1.06-1.06L6.94 8 3.47 4.53l1.06-1.06L8 6.94Z',
  'arrow-up': 'M8 2.5 13 7.5l-1.06 1.06-3.19-3.19V13.5h-1.5V5.37L4.06 8.56 3 7.5l5-5Z',
  'arrow-down': 'M8 13.5 3 8.5l1.06-1.06 3.19 3.19V2.5h1.5v8.13l3.19-3.19L13 8.5l-5 5Z',
  snow: 'M7.25 1h1.5v14h-1.5V1ZM1.33 4.35l.75-1.3 12.59 7.27-.75 1.3L1.33 4.35Zm0 7.3 12.59-7.27.75 1.3-12.59 7.27-.75-1.3Z',
  lock: 'M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1Zm1.5 0h5V5a2.5 2.5 0 0 0-5 0v2Z',
  key: 'M10.5 1a4.5 4.5 0 0 0-4.34 5.68L1 11.84V15h3.16v-1.5h1.5V12h1.5l1.16-1.16A4.5 4.5 0 1 0 10.5 1Zm1 2.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z',
  wrench:
    'M11.5 1a3.5 3.5 0 0 0-3.36 4.48L1.7 11.92a1.5 1.5 0 0 0 2.12 2.12l6.44-6.44A3.5 3.5 0 0 0 14.85 3.6l-2.1 2.1-1.94-.5-.5-1.95 2.1-2.1A3.5 3.5 0 0 0 11.5 1Z',
  'chevron-left': 'M10.07 2.93 5 8l5.07 5.07 1.06-1.06L7.12 8l4.01-4.01-1.06-1.06Z',
  'chevron-right': 'M5.93 2.93 11 8l-5.07 5.07-1.06-1.06L8.88 8 4.87 3.99l1.06-1.06Z',
} as const;
