// dist/Sidebar.html is one self-contained page: it must work offline inside the Sheets sidebar iframe, so it
// loads nothing (no CDN script, stylesheet or font) and builds its DOM without parsing HTML.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const html = readFileSync(join(__dirname, '..', '..', 'dist', 'Sidebar.html'), 'utf8');

describe('dist/Sidebar.html', () => {
  it('inlines its script and style and references nothing outside itself', () => {
    expect(html).toContain('<style>');
    expect(html).not.toContain('/*STYLE*/');
    expect(html).not.toContain('/*SCRIPT*/');
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|@font-face|url\(/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toContain('<base target="_top" />');
  });

  it('never turns strings into HTML', () => {
    expect(html).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
  });
});
