/**
 * The application frame: a sidebar of the eight steps (each with its status), a header with the
 * project name and file actions, the current screen, and banners for errors and for restoring
 * unsaved work. Drop a survey or project file anywhere on the window to open it.
 */
import { useEffect, useState, type DragEvent } from 'react';
import type { RecoverySnapshot } from '../../electron/contract';
import { getBridge, isDesktop } from '../bridge/bridge';
import { STEPS, type AppState, type Step } from '../state/app-reducer';
import { useAppState } from '../state/store';
import { DataScreen } from '../screens/DataScreen';
import { FactorsScreen } from '../screens/FactorsScreen';
import { ProfilesScreen } from '../screens/ProfilesScreen';
import { SegmentsScreen } from '../screens/SegmentsScreen';
import { PersonasScreen } from '../screens/PersonasScreen';
import { DeckScreen } from '../screens/DeckScreen';
import { TypingScreen } from '../screens/TypingScreen';
import { WavesScreen } from '../screens/WavesScreen';
import { useApp } from './context';
import { useShortcuts } from './shortcuts';

const STEP_TITLES: Record<Step, string> = { data: 'Data', factors: 'Factors', segments: 'Segments', profiles: 'Profiles', personas: 'Personas', deck: 'Deck & exports', typing: 'Typing tool', waves: 'Waves' };
const STEP_HINTS: Record<Step, string> = {
  data: 'Survey, codebook, quality',
  factors: 'Attitude dimensions',
  segments: 'Latent classes & profiles',
  profiles: 'Who the segments are',
  personas: 'Names, stories, priorities',
  deck: 'Client deck, data files',
  typing: 'Short questionnaire',
  waves: 'Track later waves',
};

function stepStatus(state: AppState, step: Step): string {
  switch (step) {
    case 'data':
      return state.survey === null ? '' : `${state.survey.rows.toLocaleString('en-US')} resp.`;
    case 'factors':
      return state.jobs.efa.status === 'done' ? `${state.doc.factor.names.length} factors` : state.jobs.efa.status === 'running' ? 'running…' : '';
    case 'segments':
      return state.jobs.segment.status === 'running' ? 'running…' : state.doc.segment.chosenK !== null && state.jobs.segment.status === 'done' ? `K = ${state.doc.segment.chosenK}` : '';
    case 'profiles':
      return state.jobs.profile.status === 'done' ? 'ready' : '';
    case 'personas': {
      if (state.jobs.profile.status !== 'done' || state.doc.segment.chosenK === null) return '';
      const edited = state.doc.personas.length === state.doc.segment.chosenK ? state.doc.personas.filter((p) => !p.draft).length : 0;
      return `${edited} of ${state.doc.segment.chosenK} edited`;
    }
    case 'deck':
      return '';
    case 'typing': {
      const job = state.jobs.typing;
      return job.status === 'running' ? 'running…' : job.status === 'done' ? 'built' : '';
    }
    case 'waves':
      return state.jobs.waves.status === 'running' ? 'scoring…' : state.jobs.waves.status === 'done' ? 'scored' : '';
  }
}

export function App() {
  const { controller } = useApp();
  const state = useAppState((s) => s);
  const [recovery, setRecovery] = useState<RecoverySnapshot | null>(null);
  const [dragging, setDragging] = useState(false);
  useShortcuts();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const snapshot = await getBridge().readRecovery();
      if (cancelled) return;
      if (snapshot !== null) setRecovery(snapshot);
      else await controller.openSample();
    })();
    return () => {
      cancelled = true;
    };
  }, [controller]);

  useEffect(() => {
    if (isDesktop()) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (state.project.dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.project.dirty]);

  async function onDrop(event: DragEvent<HTMLDivElement>): Promise<void> {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file === undefined) return;
    if (file.name.toLowerCase().endsWith('.segstudio')) await controller.openProjectText(await file.text(), file.name, null);
    else await controller.openSurvey({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), path: null });
  }

  async function restore(): Promise<void> {
    if (recovery === null) return;
    setRecovery(null);
    await controller.openProjectText(recovery.text, 'Recovered project', null);
  }

  async function discard(): Promise<void> {
    setRecovery(null);
    await getBridge().clearRecovery();
    await controller.openSample();
  }

  const Screen = { data: DataScreen, factors: FactorsScreen, segments: SegmentsScreen, profiles: ProfilesScreen, personas: PersonasScreen, deck: DeckScreen, typing: TypingScreen, waves: WavesScreen }[state.step];

  return (
    <div
      className={`app${dragging ? ' app-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <nav className="sidebar" aria-label="Workflow steps">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Segment Studio
        </div>
        <ol className="steps">
          {STEPS.map((step, i) => (
            <li key={step}>
              <button type="button" className={`step${state.step === step ? ' step-current' : ''}`} aria-current={state.step === step ? 'step' : undefined} onClick={() => controller.go(step)}>
                <span className="step-number">{i + 1}</span>
                <span className="step-text">
                  <span className="step-title">{STEP_TITLES[step]}</span>
                  <span className="step-hint">{stepStatus(state, step) || STEP_HINTS[step]}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
        <div className="sidebar-foot">Everything runs on this computer. No data leaves it.</div>
      </nav>
      <div className="main">
        <header className="topbar">
          <div className="project-name" title={state.project.path ?? undefined}>
            {state.project.name}
            {state.project.dirty ? <span className="dirty-dot" aria-label="Unsaved changes" title="Unsaved changes" /> : null}
            {state.survey !== null ? <span className="project-file">{state.survey.name}</span> : null}
          </div>
          <div className="topbar-actions">
            <button type="button" className="btn" onClick={() => void controller.openSurveyDialog()}>
              Open survey…
            </button>
            <button type="button" className="btn" onClick={() => void controller.openProjectDialog()}>
              Open project…
            </button>
            <button type="button" className="btn btn-primary" disabled={state.survey === null} onClick={() => void controller.saveProject(false)}>
              Save project
            </button>
          </div>
        </header>
        {recovery !== null ? (
          <div className="banner banner-info" role="alertdialog" aria-label="Restore unsaved work">
            <span>
              Unsaved work from {new Date(recovery.savedAt).toLocaleString()} was found. Restore it?
            </span>
            <span className="banner-actions">
              <button type="button" className="btn btn-primary" onClick={() => void restore()}>
                Restore
              </button>
              <button type="button" className="btn" onClick={() => void discard()}>
                Discard
              </button>
            </span>
          </div>
        ) : null}
        {state.message !== null ? (
          <div className={`banner banner-${state.message.kind}`} role="alert">
            <span>
              <strong>{state.message.title}.</strong> {state.message.text}
            </span>
            <button type="button" className="btn btn-small" onClick={() => controller.dismissMessage()} aria-label="Dismiss message">
              Dismiss
            </button>
          </div>
        ) : null}
        <main className="content" id="content">
          <Screen />
        </main>
      </div>
    </div>
  );
}
