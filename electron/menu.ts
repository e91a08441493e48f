/**
 * The native menu as a pure template builder: File (open survey/project, recent files, save, save
 * as, export), Edit (undo/redo plus the standard clipboard roles), View (the four workflow steps)
 * and Help. Commands go to the renderer as MenuCommand messages; the renderer decides what they do.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile } from './contract';

export type MenuActions = {
  send(command: MenuCommand): void;
  openRecent(path: string): void;
};

export function buildMenuTemplate(recent: readonly RecentFile[], actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions =>
    accelerator === undefined ? { label, click: () => actions.send(cmd) } : { label, accelerator, click: () => actions.send(cmd) };
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : recent.map((r) => ({ label: r.name, toolTip: r.path, click: () => actions.openRecent(r.path) }));
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        command('Open Survey…', 'open-survey', 'CmdOrCtrl+O'),
        command('Open Project…', 'open-project', 'CmdOrCtrl+Shift+O'),
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        command('Save Project', 'save-project', 'CmdOrCtrl+S'),
        command('Save Project As…', 'save-project-as', 'CmdOrCtrl+Shift+S'),
        command('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'undo', 'CmdOrCtrl+Z'),
        command('Redo', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        command('Data', 'go-data', 'CmdOrCtrl+1'),
        command('Factors', 'go-factors', 'CmdOrCtrl+2'),
        command('Segments', 'go-segments', 'CmdOrCtrl+3'),
        command('Profiles', 'go-profiles', 'CmdOrCtrl+4'),
        command('Personas', 'go-personas', 'CmdOrCtrl+5'),
        command('Deck & exports', 'go-deck', 'CmdOrCtrl+6'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'About Segment Studio', role: 'about' }] },
  ];
  return isMac ? [{ role: 'appMenu' }, ...template] : template;
}
