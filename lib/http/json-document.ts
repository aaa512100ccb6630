/**
 * Reads a JSON document a person or tool sent, stricter than JSON.parse:
 * a repeated member name is refused (RFC 8259 §4 says names SHOULD be
 * unique and leaves a repeated one's meaning open; JSON.parse silently keeps
 * the last), and so is a document nested deeper than `maxDepth`. The error
 * names the field as a dotted path, for a problem body.
 */
type JsonDocumentResult = { ok: true; value: unknown } | { ok: false; field: string; message: string };

export function parseJsonDocument(text: string, maxDepth: number): JsonDocumentResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, field: '(body)', message: 'is not valid JSON' };
  }
  return scan(text, maxDepth) ?? { ok: true, value };
}

type Frame = { kind: 'object'; keys: Set<string>; path: string; expectKey: boolean; lastKey?: string } | { kind: 'array'; path: string; index: number };

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Walks the (already valid) text once, tracking containers: duplicate names and depth. */
function scan(text: string, maxDepth: number): JsonDocumentResult | undefined {
  const stack: Frame[] = [];
  const pathHere = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.kind === 'object' ? join(top.path, top.lastKey ?? '') : join(top.path, String(top.index));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { ok: false, field: join(top.path, key), message: 'appears more than once' };
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const path = pathHere();
      if (stack.length >= maxDepth) return { ok: false, field: path || '(body)', message: `is nested deeper than ${maxDepth} levels` };
      stack.push(c === '{' ? { kind: 'object', keys: new Set(), path, expectKey: true } : { kind: 'array', path, index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}
