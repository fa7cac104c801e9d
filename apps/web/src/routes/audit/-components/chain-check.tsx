import { useQuery } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { Button } from '../../../components/ui/button.tsx';
import { describeError } from '../../../lib/errors.ts';
import { formatCount } from '../../../lib/format.ts';
import { useTRPC } from '../../../lib/trpc.ts';

/** Recomputes the hash chain on request (it reads the whole trail, so never on page load). */
export function ChainCheck() {
  const trpc = useTRPC();
  const check = useQuery({ ...trpc.audit.verify.queryOptions(), enabled: false, staleTime: 0 });
  const result = check.data;
  return (
    <div className="flex items-center gap-2">
      <p aria-live="polite" className="text-xs text-zinc-600">
        {check.isFetching
          ? 'Checking every event…'
          : check.isError
            ? `Could not check: ${describeError(check.error).title.toLowerCase()}.`
            : result?.ok
              ? `Chain intact: ${formatCount(result.checked)} events, every hash holds.`
              : result
                ? `Chain BROKEN at event ${result.brokenAtId}. Tell your security officer.`
                : null}
      </p>
      <Button size="sm" onClick={() => void check.refetch()} disabled={check.isFetching}>
        <ShieldCheck aria-hidden="true" />
        Check the chain
      </Button>
    </div>
  );
}
