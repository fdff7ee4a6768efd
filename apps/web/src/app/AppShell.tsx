import { NavLink, Outlet } from 'react-router-dom';
import { Moon, Sun, Workflow, Activity, ListOrdered, Zap, Wrench, Clock } from 'lucide-react';
import { SkipLink } from '../ui/SkipLink.js';
import { useTheme } from '../ui/theme.js';

/**
 * The top bar with the product name, the areas, and the theme switch, around the routed page; before
 * them, the "Skip to canvas" link of a page with a canvas.
 */
export function AppShell() {
  const { theme, toggle } = useTheme();
  return (
    <div className="app-shell">
      <SkipLink />
      <header className="topbar">
        <a className="brand" href="/workflows" aria-label="Baton home">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden>
            <rect width="32" height="32" rx="7" fill="var(--accent)" />
            <path d="M9 23 23 9" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" />
            <circle cx="23" cy="9" r="3" fill="#fff" />
          </svg>
          Baton
        </a>
        <nav className="topnav" aria-label="Main">
          <NavLink to="/workflows">
            <Workflow size={16} aria-hidden /> Workflows
          </NavLink>
          <NavLink to="/executions">
            <Activity size={16} aria-hidden /> Executions
          </NavLink>
          <NavLink to="/queues">
            <ListOrdered size={16} aria-hidden /> Queues
          </NavLink>
          <NavLink to="/schedules">
            <Clock size={16} aria-hidden /> Schedules
          </NavLink>
          <NavLink to="/events">
            <Zap size={16} aria-hidden /> Events
          </NavLink>
          <NavLink to="/taskdefs">
            <Wrench size={16} aria-hidden /> Task definitions
          </NavLink>
        </nav>
        <div className="topbar-spacer" />
        <button
          type="button"
          className="icon-button"
          onClick={toggle}
          aria-label={theme === 'light' ? 'Switch to dark theme' : 'Switch to light theme'}
          title="Toggle theme"
        >
          {theme === 'light' ? <Moon size={18} /> : <Sun size={18} />}
        </button>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
