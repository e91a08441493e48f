/**
 * The deck's stylesheet. Pages are 1280 × 720 CSS px = 13.333 × 7.5 in (16:9 at 96 px/in), the
 * @page size matches exactly and the last page has no break after it, so printing gives one PDF
 * page per slide and no blank trailing page. Fonts: the theme's stack, DejaVu/Noto first for full
 * Unicode; Chromium embeds the glyphs it uses in the PDF.
 */
import type { Theme } from '../project/project';

export function deckCss(theme: Theme): string {
  return `
@page { size: 13.333in 7.5in; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${theme.fontFamily}; color: #222; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { width: 1280px; height: 720px; position: relative; overflow: hidden; background: #fff; padding: 36px 56px 52px; break-after: page; page-break-after: always; display: flex; flex-direction: column; }
.page:last-child { break-after: auto; page-break-after: auto; }
@media screen { body { background: #d9dce1; } .page { margin: 24px auto; box-shadow: 0 2px 12px rgba(0,0,0,.25); } }
h1 { font-size: 30px; margin: 0 0 4px; color: ${theme.primary}; font-weight: 700; }
h2 { font-size: 17px; margin: 0 0 8px; color: ${theme.primary}; text-transform: uppercase; letter-spacing: .06em; }
.rule { height: 4px; width: 90px; background: ${theme.accent}; margin: 6px 0 18px; border-radius: 2px; }
.footer { position: absolute; left: 56px; right: 56px; bottom: 16px; display: flex; justify-content: space-between; font-size: 11px; color: #777; border-top: 1px solid #e2e2e2; padding-top: 6px; }
.footer img { height: 18px; }
.cols { display: flex; gap: 36px; flex: 1; min-height: 0; }
.col { flex: 1; min-width: 0; }
.note { font-size: 11.5px; color: #666; margin-top: 6px; }
table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
th, td { padding: 4px 7px; border-bottom: 1px solid #e6e6e6; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: ${theme.primary}; color: #fff; font-weight: 600; }
tr.chosen td { background: #fff3d6; font-weight: 700; }
td:has(> span.sig) { white-space: nowrap; }
th.segcol { padding-right: 40px; }
.xt th.segcol { padding-right: 38px; }
tr.text td { font-size: 11.5px; }
span.sig { display: inline-block; min-width: 3.4em; text-align: left; vertical-align: 0.45em; color: ${theme.primary}; font-weight: 700; font-size: 9px; padding-left: 2px; }
.cover { background: ${theme.primary}; color: #fff; justify-content: center; padding-left: 96px; }
.cover h1 { color: #fff; font-size: 52px; max-width: 1000px; }
.cover .sub { font-size: 24px; opacity: .9; margin-top: 10px; }
.cover .meta { font-size: 16px; margin-top: 48px; opacity: .8; }
.cover .donut { position: absolute; right: 110px; top: 190px; }
.cover h1, .cover .sub { max-width: 660px; }
.cover .band { position: absolute; left: 0; bottom: 0; height: 18px; width: 100%; background: ${theme.accent}; }
.cover img.logo { position: absolute; right: 64px; top: 48px; max-height: 80px; max-width: 240px; }
.bullets { font-size: 21px; line-height: 1.5; padding-left: 22px; margin: 0; }
.bullets li { margin-bottom: 10px; }
.persona-card { flex: 0 0 430px; border-radius: 10px; padding: 24px 26px; color: #fff; display: flex; flex-direction: column; }
.persona-card { position: relative; overflow: hidden; min-height: 0; }
.persona-card .icon { position: absolute; right: 22px; top: 20px; width: 64px; height: 64px; border-radius: 50%; background: rgba(255,255,255,.95); color: ${theme.primary}; display: flex; align-items: center; justify-content: center; }
.persona-card .name { padding-right: 70px; }
.persona-card .letter { font-size: 14px; font-weight: 700; opacity: .85; letter-spacing: .1em; }
.persona-card .name { font-size: 30px; font-weight: 700; line-height: 1.15; margin: 6px 0 8px; }
.persona-card .tagline { font-size: 17px; font-style: italic; opacity: .95; }
.persona-card .numbers { display: flex; gap: 20px; margin: 16px 0 12px; white-space: nowrap; }
.persona-card .num { font-size: 30px; font-weight: 700; line-height: 1; }
.persona-card .num.small { font-size: 22px; padding-top: 12px; }
.persona-card .lab { font-size: 12px; opacity: .85; text-transform: uppercase; letter-spacing: .05em; }
.persona-card .desc { font-size: 12.5px; line-height: 1.42; overflow: hidden; background: rgba(255,255,255,.14); border-radius: 6px; padding: 10px 12px; }
.draft { display: inline-block; font-size: 11px; font-weight: 700; background: #fff; color: #b00; border-radius: 3px; padding: 1px 6px; margin-left: 8px; vertical-align: middle; letter-spacing: .05em; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.kv { font-size: 14px; line-height: 1.55; margin: 0 0 12px; }
.kv b { color: ${theme.primary}; }
.notices { font-size: 12px; color: #8a4b00; margin: 6px 0 0; padding-left: 18px; }
.xt { margin-bottom: 12px; break-inside: avoid; font-size: 11.5px; }
.xt th, .xt td { padding: 2px 6px; }
.xt-cols { column-count: 2; column-gap: 36px; flex: 1; min-height: 0; }
.questions { font-size: 16px; line-height: 1.5; padding-left: 24px; }
.taglines { list-style: none; padding: 0; margin: 14px 0 0; font-size: 13px; line-height: 1.45; }
.taglines li { margin-bottom: 6px; }
.xt caption { text-align: left; font-weight: 700; font-size: 13px; color: ${theme.primary}; padding: 2px 0 4px; caption-side: top; }
`;
}
