import { describe, expect, it } from 'vitest';
import { describeFailure, EngineError } from './errors.js';

const coded = (code: string, message = 'what went wrong') => Object.assign(new Error(message), { code });

describe('describeFailure', () => {
  it.each([
    ['CONFIG_INVALID', 2],
    ['RUN_DIR', 2],
    ['MERGE_INVALID', 2],
    ['SCHEMA_MISMATCH', 2],
    ['BAD_PARQUET', 2],
    ['DUPLICATE_ROWS', 2],
    ['TASKS_FAILED', 3],
    ['INTERRUPTED', 130],
  ])('%s: exit %i with the error message alone', (code, exitCode) => {
    expect(describeFailure(coded(code))).toEqual({ exitCode, message: 'what went wrong' });
  });

  it('recognises a structured clone (a plain object with a code) as well as an EngineError', () => {
    expect(describeFailure({ code: 'RUN_DIR', message: 'locked' })).toEqual({ exitCode: 2, message: 'locked' });
    expect(describeFailure(new EngineError('INTERRUPTED', 'stopped')).exitCode).toBe(130);
  });

  it.each(['ENOSPC', 'EACCES', 'EROFS', 'EDQUOT'])('%s: exit 3, finished work kept, retry with --resume', (code) => {
    const { exitCode, message } = describeFailure(coded(code, 'write failed'));
    expect(exitCode).toBe(3);
    expect(message).toBe(
      `cannot write output (${code}): write failed; finished work is kept — fix it and rerun with --resume`,
    );
  });

  it('a command line the argument parser rejected: exit 2 and nothing more to print (the parser has said it)', () => {
    const parser = (code: string, exitCode: number) => Object.assign(new Error(code), { code, exitCode });
    expect(describeFailure(parser('commander.unknownOption', 1))).toEqual({ exitCode: 2, message: null });
    expect(describeFailure(parser('commander.missingMandatoryOptionValue', 1))).toEqual({ exitCode: 2, message: null });
    expect(describeFailure(parser('commander.helpDisplayed', 0))).toEqual({ exitCode: 0, message: null });
    expect(describeFailure(parser('commander.version', 0))).toEqual({ exitCode: 0, message: null });
  });

  it('an unexpected error is an internal error with its stack, exit 3', () => {
    const error = new TypeError('x is undefined');
    const { exitCode, message } = describeFailure(error);
    expect(exitCode).toBe(3);
    expect(message).toBe(`internal error: ${error.stack}`);
    expect(describeFailure(coded('BAD_VALUE')).message?.startsWith('internal error: Error: what went wrong')).toBe(
      true,
    );
    expect(describeFailure('a string')).toEqual({ exitCode: 3, message: 'internal error: a string' });
  });
});
