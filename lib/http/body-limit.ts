import { invalidRequest } from '@/lib/oauth/errors';

/** Larger request bodies are refused before they are read further. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a request's (or a fetched response's) body as text, or undefined once it passes `max` bytes (declared or streamed). */
export async function readBodyAtMost(request: Pick<Request, 'headers' | 'body'>, max: number): Promise<string | undefined> {
  if (Number(request.headers.get('content-length') ?? '0') > max) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** A route's body as text, at most MAX_BODY_BYTES: a larger one is invalid_request (RFC 6749 §5.2), never read to its end. */
export async function readBodyWithinLimit(request: Request): Promise<string> {
  const text = await readBodyAtMost(request, MAX_BODY_BYTES);
  if (text === undefined) throw invalidRequest(`request body larger than ${MAX_BODY_BYTES} bytes`);
  return text;
}
