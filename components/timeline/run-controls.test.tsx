import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/timeline/settings';
import { RunControls } from './run-controls';

const render = (accessTokenAlg: 'ES256' | 'RS256') =>
  renderToStaticMarkup(<RunControls settings={{ ...DEFAULT_SETTINGS, accessTokenAlg }} onSettings={() => {}} onReset={() => {}} onImport={async () => {}} />);

/** The "Access token signature" select: its label, its two options, and the run's value selected. */
function signatureSelect(html: string): string {
  const m = /Access token signature<select[^>]*>(.*?)<\/select>/.exec(html);
  expect(m).not.toBeNull();
  return m![1]!;
}

describe('run controls: access token signature (RFC 9068 §2.1)', () => {
  it('offers ES256 and RS256, showing the run setting', () => {
    expect(signatureSelect(render('ES256'))).toBe('<option value="ES256" selected="">ES256</option><option value="RS256">RS256</option>');
    expect(signatureSelect(render('RS256'))).toBe('<option value="ES256">ES256</option><option value="RS256" selected="">RS256</option>');
  });
});
