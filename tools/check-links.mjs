#!/usr/bin/env node
// Every relative link in the repository's Markdown files must resolve: the
// file or directory exists, and a #fragment names a heading of the target
// Markdown file (GitHub's heading ids). Run by `npm test`; prints each broken
// link as file:line and exits 1 if there is any. Links with a scheme
// (https:, mailto:) are not checked: CI has no network.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.nx', 'runs', 'results']);

/** The Markdown files under `root`, skipping dependencies, build output and run directories. */
export function markdownFiles(root) {
  const out = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...markdownFiles(join(root, entry.name)));
    } else if (entry.name.endsWith('.md')) {
      out.push(join(root, entry.name));
    }
  }
  return out.sort();
}

/** GitHub's id of a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingIds(markdown) {
  const ids = new Set();
  const seen = new Map();
  for (const line of withoutCode(markdown, { keepInline: true })) {
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const text = match[1].replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

/**
 * The lines of a Markdown text with fenced code blocks blanked (line numbers kept) and inline code
 * removed, unless `keepInline` (a heading's id keeps the text of its inline code).
 */
function withoutCode(markdown, { keepInline = false } = {}) {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    if (fenced) return '';
    return keepInline ? line : line.replace(/`[^`]*`/g, '');
  });
}

/** Targets of inline links and images, and of reference definitions, with their line numbers. */
function linksOf(markdown) {
  const links = [];
  withoutCode(markdown).forEach((line, i) => {
    for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: m[1], line: i + 1 });
    }
    const definition = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (definition) links.push({ target: definition[1], line: i + 1 });
  });
  return links;
}

/** Broken relative links of the Markdown files under `root`, as "file:line: target (why)". */
export function brokenLinks(root) {
  const broken = [];
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) ids.set(file, headingIds(readFileSync(file, 'utf8')));
    return ids.get(file);
  };
  for (const file of markdownFiles(root)) {
    for (const { target, line } of linksOf(readFileSync(file, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [pathPart, fragment] = target.split('#', 2);
      const path = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
      const where = `${relative(root, file)}:${line}: ${target}`;
      if (relative(root, path).startsWith('..')) {
        broken.push(`${where} (points outside the repository)`);
      } else if (!existsSync(path)) {
        broken.push(`${where} (no such file)`);
      } else if (fragment !== undefined && fragment !== '' && path.endsWith('.md') && statSync(path).isFile()) {
        if (!idsOf(path).has(decodeURIComponent(fragment).toLowerCase())) broken.push(`${where} (no such heading)`);
      }
    }
  }
  return broken;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const broken = brokenLinks(root);
  for (const line of broken) console.error(`broken link: ${line}`);
  if (broken.length > 0) process.exit(1);
  console.log(`links: ${markdownFiles(root).length} Markdown files, every relative link resolves`);
}
