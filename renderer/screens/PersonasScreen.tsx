/**
 * Step 5, Personas: one card per segment of the chosen solution (picture, editable name, tagline
 * and description, key numbers, the most distinctive attitudes, significant standouts), then the
 * prioritisation view with a value variable the researcher picks. Drafts come from core/profile
 * and stay marked DRAFT until edited; edits are saved in the project (doc.personas).
 */
import { useMemo } from 'react';
import { useApp } from '../app/context';
import { personasFor } from '../app/deliverables';
import { PersonaCard } from '../components/PersonaCard';
import { PriorityPanel } from '../components/PriorityPanel';
import { useAppState } from '../state/store';

export function PersonasScreen() {
  const { controller } = useApp();
  const doc = useAppState((s) => s.doc);
  const job = useAppState((s) => s.jobs.profile);
  const profile = useAppState(() => controller.currentProfile());
  const dataset = useAppState(() => controller.analysisDataset()?.dataset ?? null);
  const priority = useMemo(() => (profile === null ? null : controller.priority(doc.valueVariable)), [controller, profile, doc.valueVariable]);

  if (doc.segment.chosenK === null) return <p className="muted">Run a segmentation and keep a solution on the Segments step first.</p>;
  if (profile === null) {
    return (
      <div className="screen">
        <h1>Personas</h1>
        <p className="lede">Personas are drafted from the segment profiles.</p>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={job.status === 'running'} onClick={() => void controller.runProfiles()}>
            {job.status === 'running' ? 'Building profiles…' : 'Build profiles and draft personas'}
          </button>
        </div>
        {job.status === 'error' ? <p className="error-text" role="alert">{job.error}</p> : null}
      </div>
    );
  }

  const personas = personasFor(profile, doc.personas);
  const palette = doc.theme.palette;
  const colour = (s: number): string => palette[s % palette.length] ?? '#0072B2';
  const drafts = personas.filter((p) => p.draft).length;
  const candidates = (dataset?.columns ?? [])
    .filter((c) => c.values !== null && (c.measurement === 'continuous' || c.measurement === 'ordinal') && !doc.codebook.batteryItems.includes(c.name) && c.name !== dataset?.weight && c.name !== dataset?.id)
    .map((c) => ({ name: c.name, label: c.label || c.name }));
  const valueLabel = candidates.find((c) => c.name === doc.valueVariable)?.label ?? doc.valueVariable;
  return (
    <div className="screen">
      <div className="screen-head">
        <div>
          <h1>Personas</h1>
          <p className="lede">
            Who each of the {profile.k} segments is, in words a marketing team can act on. {drafts > 0 ? `${drafts} of ${profile.k} texts are drafts generated from the profile: edit them before sharing.` : 'Every text has been edited.'}
          </p>
        </div>
        <div className="toolbar">
          <button type="button" className="btn" onClick={() => controller.go('deck')}>
            Deck &amp; exports →
          </button>
        </div>
      </div>
      <div className="persona-cards">
        {personas.map((p, s) => (
          <PersonaCard
            key={p.segment}
            persona={p}
            size={profile.sizes[s]!}
            weighted={profile.weighted}
            colour={colour(s)}
            distinctive={profile.distinctive[s] ?? []}
            standouts={profile.standouts[s] ?? []}
            onEdit={(patch) => controller.editPersona(p.segment, patch)}
            onChoosePicture={() => void controller.choosePersonaPicture(p.segment)}
          />
        ))}
      </div>
      <p className="muted small persona-footnote">
        Attitudes: index to the total (100 = average), the five furthest from it. Standouts: demographics and behaviours where the segment differs significantly from the rest of the sample (z-test, α = .05, Bonferroni; hover a row for its p-value).
      </p>
      {priority !== null ? (
        <PriorityPanel
          rows={priority}
          names={personas.map((p) => p.name)}
          letters={profile.sizes.map((s) => s.letter)}
          colours={profile.sizes.map((_, s) => colour(s))}
          valueVariable={doc.valueVariable}
          valueLabel={valueLabel}
          weighted={profile.weighted}
          candidates={candidates}
          onValueVariable={(valueVariable) => controller.edit({ valueVariable })}
        />
      ) : null}
    </div>
  );
}
