// @vitest-environment jsdom
/**
 * The persona card and the prioritisation panel in jsdom: drafts are marked, a text edit commits
 * on blur (one edit, trimmed), an empty name is refused, icons are picked from the bundled set,
 * and the recommendation names the top-ranked segment with the value variable.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PriorityRow, SegmentSize } from '../../core/profile/profile-types';
import type { PersonaText } from '../../core/project/project';
import { PersonaCard } from './PersonaCard';
import { PriorityPanel, recommendation } from './PriorityPanel';

afterEach(cleanup);

const size: SegmentSize = { segment: 0, name: 'Segment A', letter: 'A', count: 312, share: 0.312, weightedSize: 300.5, weightedShare: 0.3 };
const persona: PersonaText = { segment: 0, name: 'Bargain Hunters', tagline: 'Every cent counts.', description: 'Draft text.', icon: 'tag', draft: true };

function card(onEdit = vi.fn()) {
  render(
    <PersonaCard
      persona={persona}
      size={size}
      weighted
      colour="#0072B2"
      distinctive={[{ name: 'q01', label: 'I compare prices', mean: 4.2, totalMean: 3.1, index: 135, d: 0.9, direction: 'high' }]}
      standouts={[{ variable: 'age', label: 'Age', kind: 'mean', category: '', value: 52.1, totalValue: 46, index: 113, p: 0.0001 }]}
      onEdit={onEdit}
      onChoosePicture={() => {}}
    />,
  );
  return onEdit;
}

describe('PersonaCard', () => {
  it('shows the draft badge, the key numbers, distinctive attitudes and standouts', () => {
    card();
    expect(screen.getByText('Draft')).toBeTruthy();
    expect(screen.getByText('312')).toBeTruthy();
    expect(screen.getByText('31.2%')).toBeTruthy();
    expect(screen.getByText('I compare prices')).toBeTruthy();
    expect(screen.getByText('135')).toBeTruthy();
    expect(screen.getByText('Age (mean)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Icon tag' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('commits a trimmed name on blur, refuses an empty one, and picks an icon', () => {
    const onEdit = card();
    const name = screen.getByLabelText('Persona name of segment A');
    fireEvent.change(name, { target: { value: '  Thrifty Planners ' } });
    expect(onEdit).not.toHaveBeenCalled();
    fireEvent.blur(name);
    expect(onEdit).toHaveBeenCalledWith({ name: 'Thrifty Planners' });
    fireEvent.change(name, { target: { value: ' ' } });
    fireEvent.blur(name);
    expect(onEdit).toHaveBeenCalledTimes(1);
    expect(screen.getByText('A persona needs a name.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Icon leaf' }));
    expect(onEdit).toHaveBeenLastCalledWith({ icon: 'leaf' });
  });
});

describe('PriorityPanel', () => {
  const rows: PriorityRow[] = [
    { segment: 0, name: 'Segment A', share: 0.3, distinctiveness: 0.5, valueMean: 300, valueIndex: 90, valueShare: 0.27, score: 0.7, rank: 2 },
    { segment: 1, name: 'Segment B', share: 0.2, distinctiveness: 0.8, valueMean: 500, valueIndex: 150, valueShare: 0.3, score: 0.9, rank: 1 },
  ];

  it('recommends the top-ranked segment, naming the value index', () => {
    expect(recommendation(rows, ['Bargain Hunters', 'Premium Seekers'], 'Monthly spend')).toBe('Focus first on Premium Seekers (share 20%, distinctiveness 0.80, Monthly spend index 150). Next: Bargain Hunters.');
  });

  it('lists segments by rank and lets the user pick the value variable', () => {
    const onValue = vi.fn();
    render(<PriorityPanel rows={rows} names={['Bargain Hunters', 'Premium Seekers']} letters={['A', 'B']} colours={['#000', '#111']} valueVariable="spend" valueLabel="Monthly spend" weighted={false} candidates={[{ name: 'spend', label: 'Monthly spend' }, { name: 'age', label: 'Age' }]} onValueVariable={onValue} />);
    const body = screen.getByRole('table', { name: 'Segment prioritisation' }).querySelectorAll('tbody tr');
    expect(body[0]?.textContent).toContain('B: Premium Seekers');
    expect(body[0]?.textContent).toContain('150');
    fireEvent.change(screen.getByLabelText('Value variable'), { target: { value: '' } });
    expect(onValue).toHaveBeenCalledWith(null);
  });
});
