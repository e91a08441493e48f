/**
 * Persona helpers of the Personas step: pictures become data: URLs (other files are refused
 * before they reach the project), and an edit marks only that persona as no longer a draft.
 */
import { describe, expect, it } from 'vitest';
import { imageDataUrl, withPersonaEdit } from './deliverables';

describe('persona helpers', () => {
  it('a picture becomes a data: URL; other files are refused', () => {
    expect(imageDataUrl('me.PNG', new Uint8Array([1, 2, 3]))).toBe('data:image/png;base64,AQID');
    expect(() => imageDataUrl('notes.txt', new Uint8Array())).toThrow(/not a PNG, JPEG or SVG picture/);
  });

  it('an edit marks only that persona as no longer a draft', () => {
    const list = [0, 1].map((segment) => ({ segment, name: `S${segment}`, tagline: '', description: '', icon: null, draft: true }));
    const edited = withPersonaEdit(list, 1, { tagline: 'New line' });
    expect(edited.map((p) => p.draft)).toEqual([true, false]);
    expect(edited[1]?.tagline).toBe('New line');
    expect(list[1]?.draft).toBe(true);
    expect(() => withPersonaEdit(list, 5, { name: 'x' })).toThrow(/no persona for segment 6/);
    const drafted = [{ segment: 0, name: 'Bargain Hunters', tagline: 'Bargain Hunters love deals.', description: 'Bargain Hunters make up 28% of respondents.', icon: null, draft: true }];
    expect(withPersonaEdit(drafted, 0, { name: 'Thrifty Planners' })[0]).toMatchObject({ tagline: 'Thrifty Planners love deals.', description: 'Thrifty Planners make up 28% of respondents.' });
    expect(withPersonaEdit(drafted, 0, { name: 'Thrifty Planners', description: 'Own text.' })[0]?.description).toBe('Own text.');
  });
});
