import { Link } from 'react-router-dom';
import { Play } from 'lucide-react';

/**
 * A "Run" button for the designer and the definitions list: opens the run page for a workflow
 * (and version). Mount it anywhere inside the router.
 */
export function RunWorkflowLink({
  name,
  version,
  className = 'button',
}: {
  name: string;
  version?: number;
  className?: string;
}) {
  const q = new URLSearchParams({
    name,
    ...(version !== undefined ? { version: String(version) } : {}),
  });
  return (
    <Link
      className={className}
      to={`/executions/run?${q.toString()}`}
      aria-label={`Run ${name}`}
      title={`Run ${name}`}
    >
      <Play size={15} aria-hidden /> Run
    </Link>
  );
}
