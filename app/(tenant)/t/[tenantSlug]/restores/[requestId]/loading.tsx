import { Card } from '@/components/ui/card';
import { LoadingRows } from '@/components/ui/query-states';

export default function Loading() {
  return (
    <Card title="Restore request">
      <LoadingRows rows={4} label="Loading the restore request" />
    </Card>
  );
}
