import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/runs/settings';
import type { RunSettings } from '@/lib/runs/settings';
import { offsetText, RunControls } from './run-controls';

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

const renderWith = (settings: Partial<RunSettings>) =>
  renderToStaticMarkup(<RunControls settings={{ ...DEFAULT_SETTINGS, ...settings }} onSettings={() => {}} onReset={() => {}} onImport={async () => {}} />);

describe('run controls say what will actually happen (issue 9 item 10)', () => {
  it('with opaque access tokens, does not claim local verification: an opaque token can only be introspected (RFC 7662 §1)', () => {
    const html = renderWith({ accessTokenFormat: 'opaque', verificationMode: 'local' });
    expect(html).toContain('Access tokens are opaque: the resource server cannot verify them locally and introspects each one.');
    expect(html).not.toContain('>locally (JWT signature)<');
    expect(renderWith({ accessTokenFormat: 'jwt', verificationMode: 'local' })).not.toContain('Access tokens are opaque');
  });

  it('names the clock state in words unlike the buttons beside it', () => {
    expect(offsetText(0)).toBe('at the real time');
    expect(offsetText(3600)).toBe('1 h ahead');
    expect(offsetText(3900)).toBe('65 min ahead');
    const html = renderWith({ clockOffset: 3600 });
    expect(html).toContain('>Jump 1 h ahead<');
    expect(html).not.toContain('>+1 h<');
  });
});
