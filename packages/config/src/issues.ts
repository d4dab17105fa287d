/**
 * zod issues → one-line messages that name the field and the rule
 * (`sweep.eta.count must be a positive integer (got -3)`,
 * `unknown key "sweep.etta"`). Only the first issue is reported: fixing one
 * typo at a time beats a wall of zod's JSON.
 */
import type { z } from 'zod';
import { ConfigError, describeValue, formatPath } from './errors.js';
import { unknownKeyMessage } from './overrides.js';
import { FOREIGN_KEY, isPlainObject } from './schema.js';

type Issue = z.core.$ZodIssue;

interface IssueMessage {
  /** Dotted path of the key, e.g. `sweep.eta.count`. */
  field: string;
  /** One line starting with the field. */
  message: string;
}

/**
 * Fallback for issues whose schema carries no rule of its own, passed as the
 * per-parse error map (schema-level messages take precedence).
 */
export const fallbackErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(' | ')}`;
    case 'too_small':
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    default:
      return 'is invalid';
  }
};

/** The value at `path` inside `root`, or undefined. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * The message for the first of `issues`. `root` is the value that was parsed
 * (to quote the offending value); `base` prefixes every path.
 */
function describeIssues(issues: readonly Issue[], root: unknown, base: readonly PropertyKey[] = []): IssueMessage {
  if (issues.length === 0) return { field: formatPath(base), message: `${formatPath(base) || 'config'} is invalid` };
  return describeIssue(issues[0], root, base);
}

function describeIssue(issue: Issue, root: unknown, base: readonly PropertyKey[]): IssueMessage {
  const path = [...base, ...issue.path];
  const field = formatPath(path);
  const name = field || 'config';
  const present = hasValueAt(root, path);
  const value = valueAt(root, path);
  const got = present ? ` (got ${describeValue(value)})` : '';

  switch (issue.code) {
    case 'unrecognized_keys': {
      const keyPath = [...path, issue.keys[0]];
      return { field: formatPath(keyPath), message: unknownKeyMessage(keyPath, kindHint(value, field)) };
    }
    case 'invalid_union':
      if (issue.errors.length > 0) return describeUnion(issue.errors, issue.message, root, path);
      return { field, message: `${name} ${issue.message}${got}` };
    case 'invalid_type':
      if (issue.message === FOREIGN_KEY) return { field, message: unknownKeyMessage(path) };
      if (!present) return { field, message: `${name} is required and ${issue.message}` };
      if (typeof value === 'number' && !Number.isFinite(value)) {
        return { field, message: `${name} must be a finite number (got ${value})` };
      }
      return { field, message: `${name} ${issue.message}${got}` };
    case 'custom':
      // Refinements (cross-field rules) state the values they compared themselves.
      return { field, message: `${name} ${issue.message}` };
    default:
      return { field, message: `${name} ${issue.message}${got}` };
  }
}

/**
 * No option of a union matched. Pick the option the user evidently meant:
 * not one whose type differs outright, preferably one with no unknown keys,
 * then the one with the fewest issues. If every option has foreign keys, the
 * keys of different options were mixed.
 */
function describeUnion(
  branches: readonly (readonly Issue[])[],
  unionMessage: string,
  root: unknown,
  path: readonly PropertyKey[],
): IssueMessage {
  const field = formatPath(path);
  const value = valueAt(root, path);
  const candidates = branches.filter((issues) => !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (candidates.length === 0) {
    return { field, message: `${field || 'config'} ${unionMessage} (got ${describeValue(value)})` };
  }
  const foreign = (issues: readonly Issue[]) => issues.flatMap(foreignKeys);
  const clean = candidates.filter((issues) => foreign(issues).length === 0);
  if (clean.length === 0) {
    const perBranch = candidates.map(foreign);
    const unknown = perBranch[0].find((key) => perBranch.every((keys) => keys.includes(key)));
    if (unknown !== undefined) {
      const keyPath = [...path, String(unknown)];
      return { field: formatPath(keyPath), message: unknownKeyMessage(keyPath) };
    }
    const mixed = [...new Set(perBranch.map((keys) => keys[0]))].map((k) => JSON.stringify(String(k))).join(' and ');
    return { field, message: `${field} cannot combine ${mixed}: ${unionMessage}` };
  }
  const best = clean.reduce((a, b) => (b.length < a.length ? b : a));
  return describeIssue(best[0], root, path);
}

/** Keys an option of a union does not have: from strict objects and from `catchall(FOREIGN_KEY)`. */
function foreignKeys(issue: Issue): PropertyKey[] {
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) return issue.keys;
  if (issue.code === 'invalid_type' && issue.message === FOREIGN_KEY && issue.path.length === 1) return [issue.path[0]];
  return [];
}

function hasValueAt(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return root !== undefined;
  const parent = valueAt(root, path.slice(0, -1));
  return typeof parent === 'object' && parent !== null && Object.hasOwn(parent, path[path.length - 1]);
}

function kindHint(node: unknown, field: string): string {
  if (!isPlainObject(node) || typeof node.kind !== 'string') return '';
  return ` for ${field}.kind ${JSON.stringify(node.kind)}`;
}

/** Throw the first of `issues` as a ConfigError. */
export function issuesToError(issues: readonly Issue[], root: unknown, base: readonly PropertyKey[] = []): ConfigError {
  const { field, message } = describeIssues(issues, root, base);
  return new ConfigError(field, message);
}
