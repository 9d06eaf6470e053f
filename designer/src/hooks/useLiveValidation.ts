import { useEffect, useState } from 'react';
import { ApiError, post } from '../api/client';
import type { DefinitionProblem } from '../api/types';
import { useEditorStoreApi } from '../store/editorStore';

export type ValidationStatus = 'idle' | 'checking' | 'valid' | 'invalid' | 'unavailable';

/** Asks the server (POST /api/playbooks/validate) about the canvas a moment after each edit; problems land on the nodes and in the list. */
export function useLiveValidation(delayMs = 500): ValidationStatus {
  const store = useEditorStoreApi();
  const [status, setStatus] = useState<ValidationStatus>('idle');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest = 0;
    const run = async () => {
      const ticket = ++latest;
      setStatus('checking');
      try {
        const result = await post<{ valid: boolean; errors: DefinitionProblem[] }>('/api/playbooks/validate', store.getState().toDefinition());
        if (ticket !== latest) return;
        store.getState().setProblems(result.errors);
        setStatus(result.valid ? 'valid' : 'invalid');
      } catch (e) {
        if (ticket !== latest) return;
        if (e instanceof ApiError && e.problems.length) { store.getState().setProblems(e.problems); setStatus('invalid'); }
        else setStatus('unavailable');
      }
    };
    const schedule = () => { clearTimeout(timer); timer = setTimeout(run, delayMs); };
    if (!store.getState().readOnly) schedule();
    const unsubscribe = store.subscribe((s, prev) => { if (s.revision !== prev.revision && !s.readOnly) schedule(); });
    return () => { clearTimeout(timer); unsubscribe(); latest++; };
  }, [store, delayMs]);
  return status;
}
