import { ErrorPage } from '@/components/ui/error-page';

export default function Forbidden() {
  return <ErrorPage code="403" title="Not allowed" message="Your role does not include this page. Ask a platform administrator if you need access." />;
}
