import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickClient } from './client/pick-client';
import { WebSocketClient } from './client/ws-client';
import { createLogsStore } from './logs/logs-store';
import { createAppStore } from './store/app-store';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const client = pickClient();
  if ('error' in client) {
    root.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'fatal';
    box.setAttribute('role', 'alert');
    box.textContent = client.error;
    root.append(box);
  } else {
    const stores = { app: createAppStore(client), logs: createLogsStore(client) };
    const connection = client instanceof WebSocketClient ? client : undefined;
    createRoot(root).render(
      <StrictMode>
        <App stores={stores} {...(connection ? { connection } : {})} />
      </StrictMode>,
    );
  }
}
