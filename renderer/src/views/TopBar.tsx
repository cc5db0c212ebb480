import { useApp } from '../app-context';
import { topBarWidgets } from './panels';

/** Brand, connection state, project switcher and the palette hint. */
export function TopBar({ connection }: { connection: 'connecting' | 'open' | 'closed' }) {
  const project = useApp((s) => s.projects.find((p) => p.projectId === s.currentId));
  const selectProject = useApp((s) => s.selectProject);
  const setPaletteOpen = useApp((s) => s.setPaletteOpen);
  return (
    <header className="topbar">
      <span className="brand">Slipway</span>
      {project ? (
        <button type="button" className="link-button" onClick={() => selectProject(undefined)}>
          Projects
        </button>
      ) : null}
      <span className="spacer" />
      {topBarWidgets.map((Widget, i) => (
        <Widget key={i} />
      ))}
      {connection !== 'open' ? (
        <span className="badge host-down" role="status">
          {connection === 'connecting' ? 'Connecting to Slipway…' : 'Disconnected — retrying'}
        </span>
      ) : null}
      <button type="button" className="palette-hint" onClick={() => setPaletteOpen(true)} title="Command palette">
        <kbd>{isMac() ? '⌘' : 'Ctrl'}</kbd>
        <kbd>K</kbd>
      </button>
    </header>
  );
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}
