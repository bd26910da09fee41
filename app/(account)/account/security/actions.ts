'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createAction } from '@/lib/actions/create-action';
import { confirmTotpEnrolment, ZTotpCode } from '@/lib/session/confirm-totp-enrolment';
import { startTotpEnrolment } from '@/lib/session/start-totp-enrolment';

/** A platform-role user starts enrolling an authenticator app: the secret (once) and its QR code. */
export const startTotpEnrolmentAction = createAction({
  name: 'startTotpEnrolmentAction',
  scope: { signedIn: true },
  stepUp: true,
  input: z.object({}),
  run: async ({ actor }) => startTotpEnrolment({ actor }),
});

/** The first code from the app enables it: every later step-up of this account asks for a code. */
export const confirmTotpEnrolmentAction = createAction({
  name: 'confirmTotpEnrolmentAction',
  scope: { signedIn: true },
  stepUp: true,
  input: ZTotpCode,
  run: async ({ actor, input, origin }) => {
    const result = await confirmTotpEnrolment({ actor, input, origin });
    revalidatePath('/account/security');
    return result;
  },
});
