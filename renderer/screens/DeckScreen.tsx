/**
 * Step 6, Deck & exports: the deck's theme (title, client, logo, two colours, font family, all
 * stored in the project), a live preview of the deck HTML from core/report in a sandboxed iframe
 * (srcdoc without allow-scripts: the deck is pure HTML and CSS), and the deliverables: the deck
 * as PDF (Electron printToPDF; the browser's print dialog in the web build) or as one standalone
 * HTML file, respondent assignments as CSV and SPSS .sav, and the profile tables as .xlsx (bytes
 * built in the worker).
 */
import { useMemo } from 'react';
import { DEFAULT_THEME } from '../../core/project/project';
import { useApp } from '../app/context';
import { useAppState } from '../state/store';

export const FONT_CHOICES = [
  { label: 'Sans serif (DejaVu Sans / Noto Sans)', value: DEFAULT_THEME.fontFamily },
  { label: 'Serif (DejaVu Serif / Noto Serif)', value: "'DejaVu Serif', 'Noto Serif', 'Liberation Serif', Georgia, serif" },
  { label: 'Condensed (DejaVu Sans Condensed)', value: "'DejaVu Sans Condensed', 'Noto Sans', 'Liberation Sans Narrow', Arial, sans-serif" },
] as const;

const PREVIEW_SCALE = 0.62;

export function DeckScreen() {
  const { controller } = useApp();
  const doc = useAppState((s) => s.doc);
  const projectName = useAppState((s) => s.project.name);
  const profile = useAppState(() => controller.currentProfile());
  const html = useMemo(() => (profile === null ? null : controller.currentDeckHtml()), [controller, profile, doc, projectName]);
  const theme = doc.theme;

  if (doc.segment.chosenK === null) return <p className="muted">Run a segmentation and keep a solution on the Segments step first.</p>;
  const fonts = FONT_CHOICES.some((f) => f.value === theme.fontFamily) ? FONT_CHOICES : [...FONT_CHOICES, { label: theme.fontFamily, value: theme.fontFamily }];
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Deck &amp; exports</h1>
          <p className="lede">The profile deck a client sees, with your theme and persona texts, and the files that merge the segments back into your survey data.</p>
        </div>
      </div>
      {profile === null ? (
        <div className="toolbar">
          <button type="button" className="btn btn-primary" onClick={() => void controller.runProfiles()}>
            Build profiles
          </button>
        </div>
      ) : null}
      <div className="deck-layout">
        <section className="panel deck-theme" aria-labelledby="theme-title">
          <h3 id="theme-title">Theme</h3>
          <label className="field">
            Deck title
            <input className="input" value={theme.title} onChange={(e) => controller.editTheme({ title: e.target.value })} />
          </label>
          <label className="field">
            Client
            <input className="input" value={theme.client} onChange={(e) => controller.editTheme({ client: e.target.value })} />
          </label>
          <div className="colour-row">
            <label className="field">
              Main colour
              <input type="color" className="colour-input" value={theme.primary} onChange={(e) => controller.editTheme({ primary: e.target.value })} />
            </label>
            <label className="field">
              Accent colour
              <input type="color" className="colour-input" value={theme.accent} onChange={(e) => controller.editTheme({ accent: e.target.value })} />
            </label>
          </div>
          <label className="field">
            Font family
            <select className="select" value={theme.fontFamily} onChange={(e) => controller.editTheme({ fontFamily: e.target.value })}>
              {fonts.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            Logo
            <div className="logo-row">
              {theme.logo !== null ? <img className="logo-thumb" src={theme.logo} alt="Deck logo" /> : <span className="muted small">No logo</span>}
              <button type="button" className="btn btn-small" onClick={() => void controller.chooseLogo()}>
                Choose…
              </button>
              {theme.logo !== null ? (
                <button type="button" className="btn btn-small" onClick={() => controller.editTheme({ logo: null })}>
                  Remove
                </button>
              ) : null}
            </div>
          </div>
          <button type="button" className="btn btn-small reset-theme" onClick={() => controller.editTheme({ ...DEFAULT_THEME, palette: [...DEFAULT_THEME.palette], title: theme.title, client: theme.client, logo: theme.logo })}>
            Default colours and font
          </button>
          <h3 className="exports-title">Export</h3>
          <div className="export-list">
            <button type="button" className="btn btn-primary" disabled={html === null} onClick={() => void controller.exportDeckPdf()}>
              Export PDF…
            </button>
            <button type="button" className="btn" disabled={html === null} onClick={() => void controller.exportDeckHtml()}>
              Export HTML
            </button>
            <button type="button" className="btn" disabled={profile === null} onClick={() => void controller.exportTable('assignments-csv')}>
              Assignments (.csv)
            </button>
            <button type="button" className="btn" disabled={profile === null} onClick={() => void controller.exportTable('assignments-sav')}>
              Assignments (SPSS .sav)
            </button>
            <button type="button" className="btn" disabled={profile === null} onClick={() => void controller.exportTable('profiles-xlsx')}>
              Profile tables (.xlsx)
            </button>
          </div>
          <p className="muted small">Assignments list every row of the survey file (excluded respondents marked), with segment names as SPSS value labels.</p>
        </section>
        <section className="panel deck-preview-panel" aria-labelledby="preview-title">
          <h3 id="preview-title">Preview</h3>
          {html !== null ? (
            <div className="deck-preview" style={{ width: `${1300 * PREVIEW_SCALE}px` }}>
              <iframe title="Deck preview" sandbox="" srcDoc={html} style={{ width: '1300px', height: `${640 / PREVIEW_SCALE}px`, transform: `scale(${PREVIEW_SCALE})` }} />
            </div>
          ) : (
            <p className="muted">Build the profiles to see the deck.</p>
          )}
        </section>
      </div>
    </div>
  );
}
