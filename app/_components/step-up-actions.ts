'use server';
import { createAction } from '@/lib/actions/create-action';
import { reauthenticate, ZReauthenticate } from '@/lib/session/reauthenticate';

/** Step-up: re-enter the password (and a TOTP code, for platform roles that enrolled one) for this session. */
export const reauthenticateAction = createAction({
  name: 'reauthenticateAction',
  scope: { signedIn: true },
  input: ZReauthenticate,
  run: async ({ actor, input, origin }) => reauthenticate({ actor, input, origin }),
});
