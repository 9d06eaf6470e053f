import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/**
 * The designer's one cache of server data (TanStack Query). Refused requests (4xx) are not retried: a retry cannot
 * change a 400, 401 or 403; the host being unreachable or failing (0, 5xx) is retried twice.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});
