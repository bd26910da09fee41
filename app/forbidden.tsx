import { ErrorPage } from '@/components/ui/error-page';
import { isReadOnlyImpersonation } from '@/lib/auth/actor';
import { getCurrentActor } from '@/lib/session/get-current-actor';

// Says why: a read-only impersonation session is refused every page that changes data (it is not a
// matter of role); anyone else lacks the role.
export default async function Forbidden() {
  const actor = await getCurrentActor().catch(() => null);
  const message =
    actor && isReadOnlyImpersonation(actor)
      ? 'This page changes data, and your impersonation session is read-only. Ask for an elevation on the support page (an approver decides) if the customer needs a change.'
      : 'Your role does not include this page. Ask a platform administrator if you need access.';
  return <ErrorPage code="403" title="Not allowed" message={message} />;
}
