import { useMemo, useState } from 'react';
import { useApp, useStores } from '../../app-context';
import { filterCommands, paletteCommands } from './commands';

/** Cmd/Ctrl+K: type to filter, arrows to choose, Enter to run, Escape to close. */
export function CommandPalette() {
  const open = useApp((s) => s.paletteOpen);
  if (!open) return null;
  return <PaletteDialog />;
}

function PaletteDialog() {
  const stores = useStores();
  const setOpen = useApp((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const all = useMemo(() => paletteCommands(stores), [stores]);
  const shown = filterCommands(all, query).slice(0, 50);
  const run = (index: number) => {
    const command = shown[index];
    if (!command) return;
    setOpen(false);
    command.run();
  };
  return (
    <div className="palette-backdrop" onMouseDown={() => setOpen(false)}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          autoFocus
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={shown[selected] ? `palette-${selected}` : undefined}
          aria-label="Command"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setSelected(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, shown.length - 1));
            else if (e.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter') run(selected);
            else if (e.key === 'Escape') setOpen(false);
            else return;
            e.preventDefault();
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Commands">
          {shown.length === 0 ? <li className="muted">No command matches</li> : null}
          {shown.map((c, i) => (
            <li key={c.id} id={`palette-${i}`} role="option" aria-selected={i === selected} className={i === selected ? 'selected' : ''} onMouseEnter={() => setSelected(i)} onClick={() => run(i)}>
              {c.title}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
