import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { adviceOf } from '../../api/client';

/** A section's data: "Loading…" while it comes, the API's advice when it fails, else the children drawn from it. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <p aria-busy="true">Loading…</p>;
  if (query.isError) return <p className="error-box" role="alert">{adviceOf(query.error)}</p>;
  return <>{children(query.data)}</>;
}
