import 'server-only';
import QRCode from 'qrcode';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { newTotpSecret, sealTotpSecret } from './totp';

export type TTotpEnrolment = {
  /** base32, shown once (for typing into the app); the server keeps only the encrypted copy */
  secret: string;
  uri: string;
  /** the otpauth URI as a PNG data URL, drawn here (no network) */
  qrDataUrl: string;
};

/**
 * A platform-role user starts TOTP enrolment: a new secret is stored encrypted as pending (an
 * earlier pending one is replaced) and returned once, as text and as a QR code drawn locally.
 * It counts only after confirmTotpEnrolment checks a first code. Re-enrolling an enabled
 * authenticator is not offered (CONFLICT).
 */
export async function startTotpEnrolment(args: { actor: TActor }): Promise<TTotpEnrolment> {
  const { actor } = args;
  if (actor.platformRoles.length === 0) throw new AppError('FORBIDDEN', 'Authenticator codes are for platform roles (approver, support, administrator).');
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
  if (user?.totpEnabledAt) throw new AppError('CONFLICT', 'An authenticator app is already enrolled for this account.');
  const { secret, uri } = newTotpSecret(actor.email);
  await db.user.update({ where: { id: actor.userId }, data: { totpPendingSecret: sealTotpSecret(secret) } });
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}
