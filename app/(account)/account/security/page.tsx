import type { Metadata } from 'next';
import { TotpEnrolment } from '@/app/(account)/account/security/totp-enrolment';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { forPage } from '@/lib/actions/for-page';
import { formatDateTime } from '@/lib/format';
import { getTotpStatus } from '@/lib/session/get-totp-status';
import { requirePageActor } from '@/lib/session/guards';

export const metadata: Metadata = { title: 'Account security' };

export default async function AccountSecurityPage() {
  const actor = await requirePageActor('/account/security');
  const status = await forPage(getTotpStatus({ actor }));
  return (
    <>
      <PageHeader
        title="Account security"
        description="Submitting, approving and undoing restores, support elevation and policy changes ask you to confirm your password when your last sign-in is older than a few minutes. Platform roles can add an authenticator app: its code is then asked for too."
      />
      <Card title="Authenticator app (TOTP)">
        {status.enabledAt ? (
          <p className="text-sm text-emerald-700" data-testid="totp-enabled">
            Enabled on {formatDateTime(status.enabledAt)}. Every password confirmation asks for a code from the app.
          </p>
        ) : status.canEnrol ? (
          <TotpEnrolment />
        ) : (
          <p className="text-sm text-slate-600">Authenticator codes are for platform roles (approver, support, administrator).</p>
        )}
      </Card>
    </>
  );
}
