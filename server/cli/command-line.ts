// How every command reads its arguments: Node's util.parseArgs (strict: an unknown option is an
// error, never a file name), with its errors worded as the usage texts word them. A string option
// given as "" or spaces counts as missing, so `--repo ""` is not taken for a choice.
import { parseArgs, ParseArgsConfig } from 'node:util';

/** An option; `needs` words what a string option takes, for "--from needs a date such as …". */
type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean; needs?: string };
type Options = Record<string, OptionSpec>;
type ValueOf<S extends OptionSpec> = S['type'] extends 'string'
  ? S['multiple'] extends true
    ? string[]
    : string
  : boolean;

export interface CommandLine<O extends Options> {
  values: { [K in keyof O]?: ValueOf<O[K]> };
  positionals: string[];
}

export function parseCommandLine<O extends Options>(argv: string[], options: O): CommandLine<O> | { error: string } {
  const needs = (name: string) => `--${name} needs ${options[name]?.needs ?? 'a value'}`;
  const specs: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
    // parseArgs takes only its own keys, and none of them undefined.
    Object.entries(options).map(([name, { needs: _needs, ...spec }]) => [
      name,
      Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined)) as OptionSpec,
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: specs, allowPositionals: true, strict: true });
  } catch (error) {
    return { error: commandLineError(error, needs) };
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    const blank = (v: unknown) => typeof v === 'string' && v.trim() === '';
    if (blank(value) || (Array.isArray(value) && value.some(blank))) return { error: needs(name) };
  }
  return { values: parsed.values as CommandLine<O>['values'], positionals: parsed.positionals };
}

function commandLineError(error: unknown, needs: (name: string) => string): string {
  const { code, message } = error as { code?: string; message?: string };
  // Node names an option with a short form as '-h, --help'.
  const option = /'(?:-\w, )?(-{1,2}[^' <]+)/.exec(message ?? '')?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${option}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take an argument/.test(message ?? '')
      ? `${option} takes no value`
      : needs(option.replace(/^-+/, ''));
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument: ${message}`;
  return message ?? String(error);
}
