import { ErrorPage } from '@/components/ui/error-page';

export default function NotFound() {
  return <ErrorPage code="404" title="Page not found" message="This page does not exist, or you do not have access to it." />;
}
