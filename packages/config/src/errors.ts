/**
 * The one error this package throws. The CLI maps it to exit code 2 ("bad
 * input or configuration, nothing was run"); it is recognized by `code`, not
 * `instanceof`, because errors are structured-cloned across worker threads.
 */

const CONFIG_INVALID = 'CONFIG_INVALID';

/** Line terminators (JS and Unicode) that would split a message over lines. */
const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]+/g;

export class ConfigError extends Error {
  readonly code = CONFIG_INVALID;
  /** Dotted path of the offending key, e.g. `sweep.eta.count` or `model.hidden[1]`; '' for the whole file. */
  readonly field: string;

  /** `message` names the field and the rule; it is forced onto one line. */
  constructor(field: string, message: string, options?: ErrorOptions) {
    super(oneLine(message), options);
    this.name = 'ConfigError';
    this.field = field;
  }
}

/** True for a ConfigError, also one that crossed a worker boundary (by `code`). */
export function isConfigError(error: unknown): error is ConfigError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === CONFIG_INVALID &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ');
}

/** `sweep.eta.count`, `model.hidden[1]`, `data.X[0][2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short, one-line description of a user's value for "(got …)". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
