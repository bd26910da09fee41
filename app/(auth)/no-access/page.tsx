import { ErrorPage } from '@/components/ui/error-page';

export default function NoAccessPage() {
  return (
    <ErrorPage
      code="No access yet"
      title="Your account has no tenant or role"
      message="Ask a platform administrator to add you to a tenant or grant you a role."
    />
  );
}
