import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies a text to the clipboard and says so where screen readers hear it. When the browser
 * refuses (no permission), it says how to copy by hand instead of failing silently.
 */
export function CopyButton({ text, label = 'Copy', what }: { text: string; label?: string; what: string }) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="secondary" onClick={() => void copy()} aria-label={`${label} ${what}`}>
        {state === 'copied' ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        {state === 'copied' ? 'Copied' : label}
      </Button>
      {/* The button already says "Copied"; the sentence is for screen readers, and for a refusal everyone reads. */}
      <span role="status" className={state === 'failed' ? 'text-xs text-red-700' : 'sr-only'}>
        {state === 'copied' ? `Copied ${what} to the clipboard.` : state === 'failed' ? 'The browser did not allow copying: select the text and press Ctrl+C.' : ''}
      </span>
    </span>
  );
}
