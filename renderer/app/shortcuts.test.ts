import { describe, expect, it } from 'vitest';
import { commandForKey } from './shortcuts';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => ({ key: k, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, shiftKey: mods.shift ?? false });

describe('browser keyboard shortcuts', () => {
  it('map Ctrl/⌘ keys to the same commands as the desktop menu', () => {
    expect(commandForKey(key('o', { ctrl: true }))).toBe('open-survey');
    expect(commandForKey(key('O', { ctrl: true, shift: true }))).toBe('open-project');
    expect(commandForKey(key('s', { meta: true }))).toBe('save-project');
    expect(commandForKey(key('S', { ctrl: true, shift: true }))).toBe('save-project-as');
    expect(commandForKey(key('z', { ctrl: true }))).toBe('undo');
    expect(commandForKey(key('z', { meta: true, shift: true }))).toBe('redo');
    expect(commandForKey(key('y', { ctrl: true }))).toBe('redo');
    expect(commandForKey(key('3', { ctrl: true }))).toBe('go-segments');
  });

  it('leave plain typing alone', () => {
    expect(commandForKey(key('s'))).toBeNull();
    expect(commandForKey(key('q', { ctrl: true }))).toBeNull();
  });
});
