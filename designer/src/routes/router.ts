import { createHashHistory } from '@tanstack/react-router';
import { createAppRouter } from './tree';

/** The designer's router: every screen's address lives in the fragment (#/accounts?tier=KA), see tree.tsx. */
export const router = createAppRouter(createHashHistory());
