import { NO_STORE } from './cache-control';

/**
 * The text of each answer built here, by answer, so that the recorder can
 * keep the body for the timeline without reading the body stream and
 * building the answer again (it did both on every recorded request).
 */
const bodyTexts = new WeakMap<Response, string>();

/** An answer whose body is `text`, remembered for {@link knownBodyText}. */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init);
  bodyTexts.set(response, text);
  return response;
}

/** The body of an answer built by {@link textResponse} while nobody has read it, else undefined. */
export function knownBodyText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : bodyTexts.get(response);
}

/**
 * A JSON answer, never stored unless `cache` says otherwise (see
 * cache-control.ts). `headers` adds to it (Set-Cookie, Location, ...).
 */
export function jsonResponse(
  body: unknown,
  options: { status?: number; headers?: Record<string, string>; cache?: Readonly<Record<string, string>> } = {},
): Response {
  return textResponse(JSON.stringify(body), {
    status: options.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...(options.cache ?? NO_STORE), ...options.headers },
  });
}
