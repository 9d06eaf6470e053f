import { StrictMode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App';
import { refreshSession } from './api/me';
import { queryClient } from './api/queryClient';
import { prefetchEditor } from './screens/EditorLoader';

// Who is signed in, asked while the rest loads; opening at a playbook (#/p/{id}…) also fetches the editor (a 401 there
// is ignored: the sign-in screen shows instead).
void refreshSession();
const opening = /^#\/p\/([^/?#]+)/.exec(location.hash);
if (location.pathname === '/' && opening) prefetchEditor(decodeURIComponent(opening[1]));

createRoot(document.getElementById('root')!).render(<StrictMode><QueryClientProvider client={queryClient}><App /></QueryClientProvider></StrictMode>);
