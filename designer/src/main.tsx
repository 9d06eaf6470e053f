import { StrictMode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App';
import { refreshSession } from './api/me';
import { queryClient } from './api/queryClient';
import { parseAuthPage, parseRoute } from './router';
import { prefetchEditor } from './screens/EditorLoader';

// Who is signed in, asked while the rest loads; opening at a playbook also fetches the editor (a 401 there is ignored:
// the sign-in screen shows instead).
void refreshSession();
const opening = parseRoute(location.hash);
if (!parseAuthPage(location.pathname, location.search, location.hash) && opening.screen === 'editor' && opening.newName === undefined) prefetchEditor(opening.id);

createRoot(document.getElementById('root')!).render(<StrictMode><QueryClientProvider client={queryClient}><App /></QueryClientProvider></StrictMode>);
