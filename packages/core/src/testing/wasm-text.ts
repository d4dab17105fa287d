/**
 * Test code: WebAssembly modules as text (wabt's disassembler), with the
 * local and function names the assembler writes into the name section.
 */
import wabt from 'wabt';

let disassembler: ReturnType<typeof wabt> | null = null;

/** The module in the text format, one instruction per line, nested (folded) expressions. */
export async function wasmText(bytes: Uint8Array): Promise<string> {
  disassembler ??= wabt();
  const module = (await disassembler).readWasm(bytes, { readDebugNames: true, simd: true });
  try {
    module.generateNames();
    module.applyNames();
    return module.toText({ foldExprs: true, inlineExport: true });
  } finally {
    module.destroy();
  }
}

/**
 * Runs `check`; when it fails, the error carries the module's text, so a
 * failing kernel test shows the code that computed the wrong number.
 */
export async function showingModule(bytes: Uint8Array, check: () => void | Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof Error) error.message += `\n\nThe module that failed:\n${await wasmText(bytes)}`;
    throw error;
  }
}
