import { EngineError } from '@eos-sweep/engine';

/** A command-line integer: positive (or ≥ 0 with allowZero), named in the error. */
export function positiveInt(text: string, flag: string, allowZero = false): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || (!allowZero && n < 1)) {
    throw new EngineError(
      'CONFIG_INVALID',
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${text}"`,
    );
  }
  return n;
}

/** A command-line number: finite and positive. */
export function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new EngineError('CONFIG_INVALID', `${flag} must be a positive number, got "${text}"`);
  }
  return n;
}
