/**
 * Positions in JSON text, which JSON.parse does not keep. V8's messages give
 * a character offset only for some errors ("Unexpected token '}', ... is not
 * valid JSON" has none in Node 20), so after a failed parse we scan the text
 * with a small RFC 8259 recognizer to find the offset of the first bad
 * character; and a config error names a key, which the same recognizer finds
 * by its path. Only runs on the error path.
 */

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Bad {
  constructor(readonly offset: number) {}
}

class Found {
  constructor(readonly offset: number) {}
}

/** Called at every object key and list item with its path (a stack, reused) and the offset where it starts. */
type Visit = (path: readonly (string | number)[], offset: number) => void;

/** The offset of the first character that makes `text` invalid JSON, or -1 if it is valid. */
export function jsonErrorOffset(text: string): number {
  try {
    scan(text);
    return -1;
  } catch (error) {
    if (error instanceof Bad) return error.offset;
    if (error instanceof RangeError) return -1; // nested too deep for the stack: no position
    throw error;
  }
}

/**
 * The offset of the key at `path` (for a list index: of the item) in the JSON `text`, or -1 when the text
 * has no such path. The first occurrence wins, as it does not in JSON.parse: duplicate keys are rare enough.
 */
export function jsonPathOffset(text: string, path: readonly (string | number)[]): number {
  if (path.length === 0) return -1;
  const at: Visit = (stack, offset) => {
    if (stack.length === path.length && stack.every((key, k) => key === path[k])) throw new Found(offset);
  };
  try {
    scan(text, at);
    return -1;
  } catch (error) {
    if (error instanceof Found) return error.offset;
    if (error instanceof Bad || error instanceof RangeError) return -1;
    throw error;
  }
}

function scan(text: string, visit?: Visit): void {
  const stack: (string | number)[] = [];
  let i = 0;
  const fail = (): never => {
    throw new Bad(i);
  };
  const ws = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const expect = (char: string) => {
    if (text[i] !== char) fail();
    i++;
  };
  const string = () => {
    expect('"');
    for (;;) {
      // plain characters: not '"', not '\\', not a control character
      while (i < text.length) {
        const code = text.charCodeAt(i);
        if (code < 0x20 || code === 0x22 || code === 0x5c) break;
        i++;
      }
      if (i >= text.length) fail();
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c !== '\\') fail();
      i++;
      const e = text[i];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else fail();
    }
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyStart = i;
        string();
        if (visit) {
          stack.push(JSON.parse(text.slice(keyStart, i)) as string);
          visit(stack, keyStart);
        }
        ws();
        expect(':');
        value(depth + 1);
        if (visit) stack.pop();
        ws();
        if (text[i] === ',') i++;
        else {
          expect('}');
          return;
        }
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        if (visit) {
          ws();
          stack.push(index);
          visit(stack, i);
        }
        value(depth + 1);
        if (visit) stack.pop();
        ws();
        if (text[i] === ',') i++;
        else {
          expect(']');
          return;
        }
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text) === null) fail();
    i = NUMBER.lastIndex;
  };
  value(0);
  ws();
  if (i < text.length) fail();
}
