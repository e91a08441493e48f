/**
 * One persona: its picture (bundled icon or the researcher's own), editable name, tagline and
 * description (marked DRAFT until edited), key numbers, the five most distinctive attitudes
 * (index to the total) and the demographics and behaviours where it differs significantly.
 * Text fields keep a local draft and commit on blur or Enter, so one edit is one undo step.
 */
import { useEffect, useState } from 'react';
import type { DistinctiveItem, SegmentSize, Standout } from '../../core/profile/profile-types';
import type { PersonaText } from '../../core/project/project';
import { fmt, int, pct, pValue } from './format';
import { ICON_IDS, PersonaIcon } from './PersonaIcon';

export type PersonaCardProps = {
  persona: PersonaText;
  size: SegmentSize;
  weighted: boolean;
  colour: string;
  distinctive: readonly DistinctiveItem[];
  standouts: readonly Standout[];
  onEdit(patch: Partial<Pick<PersonaText, 'name' | 'tagline' | 'description' | 'icon'>>): void;
  onChoosePicture(): void;
};

function EditableText({ label, value, multiline, className, onCommit }: { label: string; value: string; multiline?: boolean; className: string; onCommit(text: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = (): void => {
    if (text !== value) onCommit(text);
  };
  const common = { 'aria-label': label, className, value: text, onBlur: commit };
  return multiline === true ? (
    <textarea {...common} rows={5} onChange={(e) => setText(e.target.value)} />
  ) : (
    <input
      {...common}
      type="text"
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(value);
      }}
    />
  );
}

function standoutText(s: Standout): string {
  return s.kind === 'share' ? `${s.label}: ${s.category}` : `${s.label} (mean)`;
}

export function PersonaCard({ persona, size, weighted, colour, distinctive, standouts, onEdit, onChoosePicture }: PersonaCardProps) {
  const [nameError, setNameError] = useState<string | null>(null);
  const who = `segment ${size.letter}`;
  const maxGap = Math.max(1, ...distinctive.map((d) => Math.abs(d.index - 100)));
  return (
    <article className="persona-card" style={{ borderTopColor: colour }} aria-label={`Persona of ${who}`}>
      <header className="persona-head">
        <div className="persona-avatar" style={{ color: colour }}>
          <PersonaIcon icon={persona.icon} size={44} colour={colour} />
        </div>
        <div className="persona-titles">
          <div className="persona-meta">
            <span className="segment-letter" style={{ background: colour }}>
              {size.letter}
            </span>
            {persona.draft ? (
              <span className="badge-draft" title="Generated from the profile: edit before sharing">
                Draft
              </span>
            ) : (
              <span className="badge-edited">Edited</span>
            )}
          </div>
          <EditableText
            label={`Persona name of ${who}`}
            className="input persona-name-input"
            value={persona.name}
            onCommit={(name) => {
              if (name.trim() === '') {
                setNameError('A persona needs a name.');
                return;
              }
              setNameError(null);
              onEdit({ name: name.trim() });
            }}
          />
          {nameError !== null ? <span className="error-text small">{nameError}</span> : null}
          <EditableText label={`Tagline of ${who}`} className="input persona-tagline-input" value={persona.tagline} onCommit={(tagline) => onEdit({ tagline })} />
        </div>
      </header>
      <dl className="persona-numbers">
        <div>
          <dt>Respondents</dt>
          <dd>{int(size.count)}</dd>
        </div>
        <div>
          <dt>Share</dt>
          <dd>{pct(size.share)}</dd>
        </div>
        <div>
          <dt>{weighted ? 'Weighted size' : 'Weighted size (unweighted data)'}</dt>
          <dd>
            {fmt(size.weightedSize, 0)} <span className="muted small">({pct(size.weightedShare)})</span>
          </dd>
        </div>
      </dl>
      <EditableText label={`Description of ${who}`} className="input persona-description-input" multiline value={persona.description} onCommit={(description) => onEdit({ description })} />
      <div className="persona-columns">
        <section>
          <h4>Most distinctive attitudes</h4>
          <ul className="distinct-list">
            {distinctive.map((d) => (
              <li key={d.name} title={`Mean ${fmt(d.mean, 2)} vs total ${fmt(d.totalMean, 2)}`}>
                <span className={d.direction === 'high' ? 'up' : 'down'} aria-label={d.direction === 'high' ? 'higher' : 'lower'}>
                  {d.direction === 'high' ? '▲' : '▼'}
                </span>
                <span className="distinct-label">{d.label}</span>
                <span className="distinct-bar" aria-hidden="true">
                  <span className={d.direction === 'high' ? 'bar-up' : 'bar-down'} style={{ width: `${(50 * Math.abs(d.index - 100)) / maxGap}%`, [d.direction === 'high' ? 'left' : 'right']: '50%' }} />
                </span>
                <span className="num distinct-index">{fmt(d.index, 0)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h4>Standout demographics &amp; behaviours</h4>
          {standouts.length === 0 ? (
            <p className="muted small">No significant differences from the rest of the sample (α = .05, Bonferroni).</p>
          ) : (
            <table className="table table-compact standout-table">
              <tbody>
                {standouts.slice(0, 6).map((s) => (
                  <tr key={`${s.variable}:${s.category}`} title={`${standoutText(s)}: p ${pValue(s.p)} (Bonferroni), segment vs the rest of the sample`}>
                    <th scope="row">{standoutText(s)}</th>
                    <td className="num">{s.kind === 'share' ? `${fmt(s.value, 0)}%` : fmt(s.value, 1)}</td>
                    <td className="num muted">vs {s.kind === 'share' ? `${fmt(s.totalValue, 0)}%` : fmt(s.totalValue, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <div className="icon-picker" role="group" aria-label={`Picture of ${who}`}>
        {ICON_IDS.map((id) => (
          <button key={id} type="button" className={`icon-choice${persona.icon === id ? ' icon-chosen' : ''}`} aria-pressed={persona.icon === id} aria-label={`Icon ${id}`} title={id} onClick={() => onEdit({ icon: id })}>
            <PersonaIcon icon={id} size={20} colour="currentColor" />
          </button>
        ))}
        <button type="button" className="btn btn-small" onClick={onChoosePicture}>
          Own picture…
        </button>
      </div>
    </article>
  );
}
