import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JsonDelta } from './json-delta';

describe('JsonDelta', () => {
  it('shows changed, added and removed fields with their paths', () => {
    const html = renderToStaticMarkup(
      <JsonDelta delta={{ status: ['cancelled', 'paid'], note: ['hi'], lines: { _t: 'a', 0: { qty: [1, 2] } }, old: [5, 0, 0] }} />,
    );
    expect(html).toContain('status');
    expect(html).toContain('&quot;cancelled&quot;');
    expect(html).toContain('&quot;paid&quot;');
    expect(html).toContain('lines[0].qty');
    expect(html).toMatch(/old<\/td>.*5.*\(absent\)/);
    expect(html).toMatch(/note<\/td>.*\(absent\).*&quot;hi&quot;/);
  });

  it('says so when there is nothing', () => {
    expect(renderToStaticMarkup(<JsonDelta delta={{}} />)).toContain('No field-level changes');
  });
});
