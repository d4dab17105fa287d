import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks } from './check-links.mjs';

/** A throw-away repository of Markdown files: path → content. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'eos-links-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('check-links', () => {
  it('accepts links to files, directories and headings, and ignores URLs and code', () => {
    const root = repo({
      'README.md': [
        '# Title',
        'See [the guide](docs/guide.md#the-threshold-λ-η_c-and-l), [docs](docs), ![figure](docs/a.png),',
        '[a section](#title), [the web](https://example.org/missing.md) and `[code](nowhere.md)`.',
        '```',
        '[fenced](nowhere.md)',
        '```',
        '[ref]: docs/guide.md',
      ].join('\n'),
      'docs/guide.md': '## The threshold: λ*, η_c and L*\n',
      'docs/a.png': '',
    });
    expect(brokenLinks(root)).toEqual([]);
  });

  it('reports a missing file, a missing heading and a link out of the repository, with file and line', () => {
    const root = repo({
      'README.md': '# Title\n\n[gone](docs/gone.md)\n[heading](docs/guide.md#nope) [out](../elsewhere/README.md)\n',
      'docs/guide.md': '# Guide\n',
    });
    expect(brokenLinks(root)).toEqual([
      'README.md:3: docs/gone.md (no such file)',
      'README.md:4: docs/guide.md#nope (no such heading)',
      'README.md:4: ../elsewhere/README.md (points outside the repository)',
    ]);
  });

  it("keeps a heading's inline code in its id, as GitHub does", () => {
    const root = repo({ 'a.md': '### Format (`run.json` `schemaVersion`)\n[format](#format-runjson-schemaversion)\n' });
    expect(brokenLinks(root)).toEqual([]);
  });

  it('numbers repeated headings as GitHub does', () => {
    const root = repo({ 'a.md': '# Notes\n## Notes\n[first](#notes) [second](#notes-1) [third](#notes-2)\n' });
    expect(brokenLinks(root)).toEqual(['a.md:3: #notes-2 (no such heading)']);
  });
});
