import { parseBoundedJson, SMALL_JSON } from '@/lib/http/bounded-json';

/**
 * The JSON bodies of the Notes API, validated field by field so that a bad
 * request is answered 400 naming the field (RFC 9457 problem body).
 */
interface CreateNoteInput {
  title: string;
  body: string;
  public: boolean;
}

interface UpdateNoteInput {
  title?: string;
  body?: string;
  public?: boolean;
  archived?: boolean;
}

type InputResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

const MAX_TITLE = 200;
const MAX_BODY = 10_000;

const bad = (field: string, message: string): { ok: false; field: string; message: string } => ({ ok: false, field, message });

function parseObject(text: string): InputResult<Record<string, unknown>> {
  const parsed = parseBoundedJson(text, SMALL_JSON);
  // Stryker disable next-line ConditionalExpression: equivalent in the field, a body that does not parse has no value and is refused as (body) by the next check too; only the message (text for people) differs
  if (!parsed.ok) return bad('(body)', parsed.limit === 'syntax' ? 'the body must be JSON' : parsed.detail);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('(body)', 'the body must be a JSON object');
  return { ok: true, value: value as Record<string, unknown> };
}

function checkField(key: string, value: unknown): { ok: false; field: string; message: string } | undefined {
  switch (key) {
    case 'title':
      if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TITLE) return bad(key, `must be a non-empty string of at most ${MAX_TITLE} characters`);
      return undefined;
    case 'body':
      if (typeof value !== 'string' || value.length > MAX_BODY) return bad(key, `must be a string of at most ${MAX_BODY} characters`);
      return undefined;
    case 'public':
    case 'archived':
      if (typeof value !== 'boolean') return bad(key, 'must be true or false');
      return undefined;
    default:
      return bad(key, 'is not a field of a note');
  }
}

/** `POST /rs/api/notes`: `{"title": "...", "body": "...", "public": false}`; `title` is required. */
export function parseCreateNote(text: string): InputResult<CreateNoteInput> {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  for (const [key, value] of Object.entries(o)) {
    if (key === 'archived') return bad(key, 'cannot be set on a new note');
    const problem = checkField(key, value);
    if (problem) return problem;
  }
  if (o.title === undefined) return bad('title', 'is required');
  return { ok: true, value: { title: o.title as string, body: (o.body as string | undefined) ?? '', public: (o.public as boolean | undefined) ?? false } };
}

/** `PATCH /rs/api/notes/{id}`: one or more of `title`, `body`, `public`, `archived`; at least one. */
export function parseUpdateNote(text: string): InputResult<UpdateNoteInput> {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const entries = Object.entries(parsed.value);
  if (entries.length === 0) return bad('(body)', 'must change at least one of title, body, public, archived');
  for (const [key, value] of entries) {
    const problem = checkField(key, value);
    if (problem) return problem;
  }
  return { ok: true, value: parsed.value as UpdateNoteInput };
}
