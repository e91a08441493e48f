/**
 * Menu commands and keyboard shortcuts in one place. On the desktop the native menu owns the
 * accelerators and sends MenuCommands through the bridge; in the browser the same keys are
 * handled here. Undo/Redo inside a text field stay the field's own.
 */
import { useEffect } from 'react';
import type { MenuCommand } from '../../electron/contract';
import { getBridge, isDesktop } from '../bridge/bridge';
import type { Controller } from './controller';
import { useApp } from './context';

export function runMenuCommand(controller: Controller, command: MenuCommand, path: string | null): void {
  switch (command) {
    case 'open-survey':
      void controller.openSurveyDialog();
      return;
    case 'open-project':
      void controller.openProjectDialog();
      return;
    case 'open-recent':
      if (path !== null) void controller.openRecent(path);
      return;
    case 'save-project':
      void controller.saveProject(false);
      return;
    case 'save-project-as':
      void controller.saveProject(true);
      return;
    case 'export':
      void controller.exportAssignments();
      return;
    case 'undo':
      if (!isEditingText()) controller.undo();
      else document.execCommand('undo');
      return;
    case 'redo':
      if (!isEditingText()) controller.redo();
      else document.execCommand('redo');
      return;
    case 'go-data':
      controller.go('data');
      return;
    case 'go-factors':
      controller.go('factors');
      return;
    case 'go-segments':
      controller.go('segments');
      return;
    case 'go-profiles':
      controller.go('profiles');
      return;
    case 'go-personas':
      controller.go('personas');
      return;
    case 'go-deck':
      controller.go('deck');
      return;
  }
}

function isEditingText(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/** Browser key → command (Ctrl or ⌘). */
export function commandForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): MenuCommand | null {
  if (!(event.ctrlKey || event.metaKey)) return null;
  const key = event.key.toLowerCase();
  if (key === 'o') return event.shiftKey ? 'open-project' : 'open-survey';
  if (key === 's') return event.shiftKey ? 'save-project-as' : 'save-project';
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y') return 'redo';
  const steps: Record<string, MenuCommand> = { '1': 'go-data', '2': 'go-factors', '3': 'go-segments', '4': 'go-profiles', '5': 'go-personas', '6': 'go-deck' };
  return steps[key] ?? null;
}

export function useShortcuts(): void {
  const { controller } = useApp();
  useEffect(() => {
    const unsubscribe = getBridge().onMenuCommand((command, path) => runMenuCommand(controller, command, path));
    if (isDesktop()) return unsubscribe;
    const onKey = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (command === null) return;
      if ((command === 'undo' || command === 'redo') && isEditingText()) return;
      event.preventDefault();
      runMenuCommand(controller, command, null);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKey);
    };
  }, [controller]);
}
