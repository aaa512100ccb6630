import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenKind, TokenView } from '@/lib/timeline/events';

/** A token as the timeline shows it: raw, and decoded when it is a JWT (opaque tokens stay raw). */
export function tokenView(kind: TokenKind, raw: string): TokenView {
  if (raw.split('.').length === 3) {
    try {
      return {
        kind,
        raw,
        header: decodeProtectedHeader(raw) as Record<string, unknown>,
        payload: decodeJwt(raw) as Record<string, unknown>,
      };
    } catch {
      /* not a JWT after all: show it raw */
    }
  }
  return { kind, raw };
}
