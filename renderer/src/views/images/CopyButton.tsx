import { useState } from 'react';
import { copyText } from './copy-text';

/** A tag with a button that copies it. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  return (
    <button
      type="button"
      className="link-button images-copy"
      aria-label={label}
      onClick={() => {
        void copyText(text).then((ok) => {
          setCopied(ok);
          setTimeout(() => setCopied(undefined), 1500);
        });
      }}
    >
      {copied === undefined ? 'Copy' : copied ? 'Copied' : 'Select it'}
    </button>
  );
}
