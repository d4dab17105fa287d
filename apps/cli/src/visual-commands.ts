import type { Command } from 'commander';

/** `report`, `trace` and `map`: the commands that draw (see packages/report). */
export function registerVisualCommands(
  _program: Command,
  _dispatch: (load: () => Promise<number>) => Promise<void>,
): void {}
