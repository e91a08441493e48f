/**
 * The recent surveys and projects the desktop shell recorded (the browser cannot reopen a file by
 * its path, so the list is shown on the desktop only). Reopening goes through the shell, which only
 * accepts paths from its own list.
 */
import { useEffect, useState } from 'react';
import type { RecentFile } from '../../electron/contract';
import { getBridge, isDesktop } from '../bridge/bridge';

export function RecentFiles({ onOpen, refreshKey }: { onOpen(path: string): void; refreshKey: string }) {
  const [recent, setRecent] = useState<RecentFile[]>([]);
  useEffect(() => {
    if (!isDesktop()) return;
    let live = true;
    void getBridge()
      .recentFiles()
      .then((list) => {
        if (live) setRecent(list);
      });
    return () => {
      live = false;
    };
  }, [refreshKey]);
  if (recent.length === 0) return null;
  return (
    <nav className="recent" aria-label="Recent files">
      <span className="muted small">Recent:</span>
      {recent.slice(0, 6).map((r) => (
        <button key={r.path} type="button" className="btn btn-small" title={r.path} onClick={() => onOpen(r.path)}>
          {r.kind === 'project' ? '◆ ' : ''}
          {r.name}
        </button>
      ))}
    </nav>
  );
}
