import { useState } from 'react';

export interface CopyButtonProps {
  text: string;
  label: string;
}

const copyButtonLook =
  'rounded-md border border-slate-600 px-3 py-1.5 text-xs font-medium text-slate-100 ' +
  'hover:bg-slate-800';

/** Copies `text` to the clipboard and says so; the clipboard needs a secure origin. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = () => {
    // Absent on plain-http origins other than localhost.
    if (!('clipboard' in navigator)) {
      setCopied('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };

  return (
    <div className="flex items-center gap-3">
      <span role="status" className="text-xs text-slate-300">
        {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Select the text to copy it' : ''}
      </span>
      <button type="button" onClick={copy} className={copyButtonLook}>
        {label}
      </button>
    </div>
  );
}
