import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveWorkbenchApi } from './client';
import { AppRoot } from './app/app-root';

// The client interface is chosen once, here: Electron's preload object or the loopback web bridge.
const { api, kind } = resolveWorkbenchApi();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <AppRoot api={api} kind={kind} />
  </StrictMode>,
);
