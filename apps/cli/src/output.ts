/**
 * Where text goes: with --json, stdout carries exactly one JSON document and
 * everything for humans goes to stderr; otherwise human text is on stdout.
 */
export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
}

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  constructor(options: OutputOptions) {
    this.json = options.json ?? false;
    this.quiet = options.quiet ?? false;
  }

  /** Human-readable result text. */
  info(text: string): void {
    if (this.quiet) return;
    (this.json ? process.stderr : process.stdout).write(`${text}\n`);
  }

  /** Notes and warnings, always on stderr. */
  note(text: string): void {
    if (!this.quiet) process.stderr.write(`${text}\n`);
  }

  /** The machine-readable result (only with --json). */
  result(value: unknown): void {
    if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
