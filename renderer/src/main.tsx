import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickClient } from './client/pick-client';
import { createLogsStore } from './logs/logs-store';
import { createAppStore } from './store/app-store';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const picked = pickClient();
  if ('error' in picked) {
    root.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'fatal';
    box.setAttribute('role', 'alert');
    box.textContent = picked.error;
    root.append(box);
  } else {
    const { client, desktop, connection } = picked;
    const stores = { app: createAppStore(client, desktop), logs: createLogsStore(client) };
    createRoot(root).render(
      <StrictMode>
        <App stores={stores} {...(connection ? { connection } : {})} />
      </StrictMode>,
    );
  }
}
