import type { Notice } from '../../core/notices';

/** Notices from a result, most severe first, as a compact list beside the result. */
export function Notices({ notices }: { notices: readonly Notice[] }) {
  if (notices.length === 0) return null;
  const order = { error: 0, 'strong-warning': 1, warning: 2, info: 3 } as const;
  const sorted = [...notices].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="notices" aria-label="Notices">
      {sorted.slice(0, 12).map((n, i) => (
        <li key={i} className={`notice notice-${n.severity}`}>
          {n.message}
        </li>
      ))}
      {sorted.length > 12 ? <li className="notice notice-info">{sorted.length - 12} more notices.</li> : null}
    </ul>
  );
}
