// SVG elements built through the DOM (the CSP allows no markup strings and no inline styles):
// every colour comes from a class that reads the theme's --vscode-charts-* variables.
const NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A round upper bound for an axis, and its tick values (0 and about three steps); whole steps for counts. */
export function niceScale(max: number, minimum = 1, whole = false): { top: number; ticks: number[] } {
  const value = Math.max(max, minimum);
  const rough = value / 3;
  const power = 10 ** Math.floor(Math.log10(rough));
  const factors = whole ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const found = factors.map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  const step = whole ? Math.max(1, Math.round(found)) : found;
  const top = step * Math.ceil(value / step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { top, ticks };
}

const MINUTE = 60_000;
const DURATION_STEPS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080, 20160, 43200].map(
  (m) => m * MINUTE,
);

/** An axis for durations: steps people count in (15 minutes, 1 hour, 1 day, 1 week...). */
export function durationScale(max: number, minimum = 60 * MINUTE): { top: number; ticks: number[] } {
  const value = Math.max(max, minimum);
  const step = DURATION_STEPS.find((s) => s * 3 >= value) ?? Math.ceil(value / 3 / (43200 * MINUTE)) * 43200 * MINUTE;
  const top = step * Math.ceil(value / step);
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { top, ticks };
}
