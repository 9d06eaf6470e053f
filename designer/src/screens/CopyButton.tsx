import { useState } from 'react';

/** Copies a secret or link to the clipboard and says so (the text stays selectable for browsers without clipboard access). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try { await navigator.clipboard.writeText(text); setCopied(true); } catch { setCopied(false); }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>{label}</button>
      <span role="status" className="muted">{copied === true ? 'Copied.' : copied === false ? 'The browser did not allow copying: select the text and copy it.' : ''}</span>
    </>
  );
}
