/**
 * Step 1, Data: open or drop a survey (the bundled sample is loaded at start), browse the
 * respondents, edit the codebook and choose the battery, and screen quality with one-click,
 * recorded exclusions.
 */
import { useState } from 'react';
import { useApp } from '../app/context';
import { CodebookEditor } from '../components/CodebookEditor';
import { DataGrid } from '../components/DataGrid';
import { int } from '../components/format';
import { Notices } from '../components/Notices';
import { QualityPanel } from '../components/QualityPanel';
import { RecentFiles } from '../components/RecentFiles';
import { useAppState } from '../state/store';
import type { QualityResultView } from '../workers/data-jobs';

type Tab = 'respondents' | 'codebook' | 'quality';
const TABS: { id: Tab; title: string }[] = [
  { id: 'respondents', title: 'Respondents' },
  { id: 'codebook', title: 'Codebook & battery' },
  { id: 'quality', title: 'Quality' },
];

export function DataScreen() {
  const { controller } = useApp();
  const [tab, setTab] = useState<Tab>('respondents');
  const survey = useAppState((s) => s.survey);
  const doc = useAppState((s) => s.doc);
  const importJob = useAppState((s) => s.jobs.import);
  const qualityJob = useAppState((s) => s.jobs.quality);
  const dataset = useAppState((s) => (s.datasetKey === null ? null : controller.rawDataset()));
  const quality = qualityJob.resultKey === null ? undefined : controller.cache.get<QualityResultView>(qualityJob.resultKey);
  const excluded = new Set(doc.exclusions.map((e) => e.row));

  /** ARIA tabs pattern: arrow keys move between tabs, Home/End jump to the ends. */
  function moveTab(key: string): void {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = key === 'ArrowRight' ? (i + 1) % TABS.length : key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : key === 'Home' ? 0 : key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    const id = TABS[next]!.id;
    setTab(id);
    document.getElementById(`tab-${id}`)?.focus();
  }

  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Data</h1>
          <p className="lede">Open a survey file (CSV, TSV, SPSS .sav/.zsav or Excel .xlsx) or drop it on the window. The sample survey opens by default.</p>
        </div>
        <div className="toolbar">
          <button type="button" className="btn" onClick={() => void controller.openSurveyDialog()}>
            Open survey…
          </button>
          <button type="button" className="btn" onClick={() => void controller.openSample()}>
            Use the sample survey
          </button>
        </div>
      </div>
      <RecentFiles onOpen={(path) => void controller.openRecent(path)} refreshKey={survey?.sha256 ?? ''} />
      {importJob.status === 'running' ? <p className="muted">Reading the file…</p> : null}
      {survey !== null && dataset !== null ? (
        <>
          <div className="cards">
            <div className="card">
              <div className="card-value">{int(survey.rows)}</div>
              <div className="card-label">Respondents</div>
            </div>
            <div className="card">
              <div className="card-value">{int(survey.columns)}</div>
              <div className="card-label">Columns</div>
            </div>
            <div className="card">
              <div className="card-value">{doc.codebook.batteryItems.length}</div>
              <div className="card-label">Battery items</div>
            </div>
            <div className="card">
              <div className="card-value mono-small">{doc.codebook.weight ?? 'none'}</div>
              <div className="card-label">Weight</div>
            </div>
            <div className="card">
              <div className="card-value">{int(survey.rows - doc.exclusions.length)}</div>
              <div className="card-label">In the analysis</div>
            </div>
          </div>
          <Notices notices={dataset.notices} />
          <div className="tabs" role="tablist" aria-label="Data views" onKeyDown={(e) => moveTab(e.key)}>
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                className={`tab${tab === t.id ? ' tab-current' : ''}`}
                onClick={() => setTab(t.id)}
              >
                {t.title}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
            {tab === 'respondents' ? <DataGrid dataset={dataset} excluded={excluded} /> : null}
            {tab === 'codebook' ? <CodebookEditor dataset={dataset} codebook={doc.codebook} onChange={(codebook) => controller.edit({ codebook })} /> : null}
            {tab === 'quality' ? (
              <>
                <div className="toolbar">
                  <button type="button" className="btn btn-primary" disabled={doc.codebook.batteryItems.length === 0 || qualityJob.status === 'running'} onClick={() => void controller.runQuality()}>
                    {quality === undefined ? 'Screen quality' : 'Screen again'}
                  </button>
                  {doc.codebook.batteryItems.length === 0 ? <span className="muted">Choose the battery items in the codebook first.</span> : null}
                </div>
                {qualityJob.status === 'error' ? <p className="error-text">{qualityJob.error}</p> : null}
                {quality !== undefined ? <QualityPanel report={quality} exclusions={doc.exclusions} onExclusions={(exclusions) => controller.edit({ exclusions })} /> : null}
              </>
            ) : null}
          </div>
          <div className="next">
            <button type="button" className="btn btn-primary" onClick={() => controller.go('factors')} disabled={doc.codebook.batteryItems.length < 3}>
              Next: factor analysis →
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
