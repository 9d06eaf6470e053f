import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App';
import { getApiKey } from './api/client';
import { parseRoute } from './router';
import { prefetchEditor } from './screens/EditorLoader';

const opening = parseRoute(location.hash);
if (getApiKey() && opening.screen === 'editor' && opening.newName === undefined) prefetchEditor(opening.id);

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
