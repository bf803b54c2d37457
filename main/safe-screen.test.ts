import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SAFE_SCREEN_BACKGROUND, safeScreenCsp, safeScreenHtml, safeScreenUrl } from './safe-screen';

const between = (html: string, open: string, close: string): string => {
  const start = html.indexOf(open);
  const end = html.indexOf(close, start);
  if (start < 0 || end < 0) throw new Error(`no ${open}`);
  return html.slice(start + open.length, end);
};
const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the safe screen', () => {
  const html = safeScreenHtml('r1c2');

  it('shows the ЦУР sign, the name of the centre, a clock and the screen id', () => {
    expect(html).toContain('aria-label="ЦУР"');
    expect(html).toContain('Центр управления регионом<br>Чувашской Республики');
    expect(html).toContain('id="clock"');
    expect(html).toContain('экран r1c2');
  });

  it('is never white or black: a coloured background from the first paint', () => {
    const style = between(html, '<style>', '</style>');
    expect(style).toContain(`background:${SAFE_SCREEN_BACKGROUND}`);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(SAFE_SCREEN_BACKGROUND.slice(i, i + 2), 16));
    const luminance = (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    expect(luminance).toBeGreaterThan(0.1);
    expect(luminance).toBeLessThan(0.9);
  });

  it('allows exactly its own inline style and script by hash, and nothing else', () => {
    const csp = safeScreenCsp();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);
    expect(csp).toContain(`script-src ${hash(between(html, '<script>', '</script>'))}`);
    expect(csp).toContain(`style-src ${hash(between(html, '<style>', '</style>'))}`);
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).not.toMatch(/unsafe|\*|http|data:/);
    // Nothing to fetch: no URL anywhere in the page.
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('shows a reason in place of «восстанавливается автоматически» when given one, escaped, under the same CSP', () => {
    const reason = safeScreenHtml('main', 'Хаб <b>http://10.0.0.5</b> запрещён / refused');
    expect(reason).toContain('Хаб &#60;b&#62;http://10.0.0.5&#60;/b&#62; запрещён / refused · экран main');
    expect(reason).not.toContain('восстанавливается автоматически');
    expect(reason).toContain(`content="${safeScreenCsp()}"`);
    expect(Buffer.from(safeScreenUrl('main', 'x').split(',')[1]!, 'base64').toString('utf8')).toBe(safeScreenHtml('main', 'x'));
  });

  it('escapes the screen id and travels as a data: URL', () => {
    expect(safeScreenHtml('<b>&"')).toContain('экран &#60;b&#62;&#38;&#34;');
    const url = safeScreenUrl('main');
    expect(url).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(Buffer.from(url.split(',')[1]!, 'base64').toString('utf8')).toBe(safeScreenHtml('main'));
  });
});
