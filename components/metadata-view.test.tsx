import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MetadataView } from './metadata-view';

const render = (metadata: Record<string, unknown>) => renderToStaticMarkup(<MetadataView metadata={metadata} rawUrl="http://localhost:3000/x" label="Metadata" />);
const row = (html: string) => /<dt[^>]*>(.*?)<\/dt><dd[^>]*>(.*?)<\/dd>/.exec(html)!;

describe("a party's metadata, readable", () => {
  it('lets a member name wrap only after an underscore, never inside a word', () => {
    const [, dt] = row(render({ client_id_metadata_document_supported: true }));
    expect(dt).toBe('client_<wbr/>id_<wbr/>metadata_<wbr/>document_<wbr/>supported');
    expect(/<dt class="([^"]*)"/.exec(render({ issuer: 'x' }))![1]).not.toContain('break-all');
  });

  it('shows a string value as itself (RFC 9728 resource_name), true and numbers as JSON', () => {
    expect(row(render({ resource_name: 'Notes API' }))[2]).toBe('<span class="font-mono text-sm">Notes API</span>');
    expect(row(render({ client_id_metadata_document_supported: true }))[2]).toBe('<span class="font-mono text-sm">true</span>');
  });
});
