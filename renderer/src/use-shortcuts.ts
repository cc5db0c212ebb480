import { useEffect } from 'react';
import type { Stores } from './app-context';

/** Cmd/Ctrl+K opens the palette; Cmd/Ctrl+F focuses the log search (instead of the page's find). */
export function useShortcuts({ app }: Stores): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.metaKey || e.ctrlKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === 'k') {
        e.preventDefault();
        app.getState().setPaletteOpen(!app.getState().paletteOpen);
      } else if (key === 'f') {
        const search = document.getElementById('log-search') as HTMLInputElement | null;
        if (!search) return;
        e.preventDefault();
        search.focus();
        search.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app]);
}
