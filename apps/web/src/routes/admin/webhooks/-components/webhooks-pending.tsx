import { PageHeader } from '../../../../components/layout/page-header.tsx';
import { Panel } from '../../../../components/ui/panel.tsx';
import { Loading, Skeleton, SkeletonRows } from '../../../../components/ui/skeleton.tsx';
import { WEBHOOKS_PAGE_DESCRIPTION, WEBHOOKS_PAGE_TITLE } from './webhooks-text.ts';

export function WebhooksPending() {
  return (
    <>
      <PageHeader title={WEBHOOKS_PAGE_TITLE} description={WEBHOOKS_PAGE_DESCRIPTION} />
      <Loading label="Loading the webhook deliveries…" className="space-y-4">
        <div className="flex flex-wrap gap-2">
          {Array.from({ length: 8 }, (_, index) => (
            <Skeleton key={index} className="h-8 w-28 rounded-md" />
          ))}
        </div>
        <Panel title="Deliveries">
          <SkeletonRows />
        </Panel>
      </Loading>
    </>
  );
}
