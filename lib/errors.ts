// Typed application errors. The UI maps codes to messages; route handlers map them to statuses.
// STEP_UP_REQUIRED: signed in, allowed, but the action needs a fresh authentication (lib/session/step-up.ts).
export type TAppErrorCode = 'UNAUTHENTICATED' | 'STEP_UP_REQUIRED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID_INPUT' | 'CONFLICT' | 'SERVICE_UNAVAILABLE';

const STATUS: Record<TAppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  STEP_UP_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
};

/** The HTTP status of a code (route handlers; lib/actions/create-route.ts). */
export function statusOfCode(code: TAppErrorCode): number {
  return STATUS[code];
}

export class AppError extends Error {
  readonly code: TAppErrorCode;
  constructor(code: TAppErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
  get status(): number {
    return statusOfCode(this.code);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** INVALID_INPUT with one message per field (zod issues), for inline form errors. */
export class InputError extends AppError {
  readonly fieldErrors: Record<string, string>;
  constructor(issues: readonly { path: readonly PropertyKey[]; message: string }[], message?: string) {
    super('INVALID_INPUT', message ?? issues[0]?.message ?? 'Invalid input.');
    this.name = 'InputError';
    const fieldErrors: Record<string, string> = {};
    for (const i of issues) fieldErrors[String(i.path[0] ?? '_')] ??= i.message;
    this.fieldErrors = fieldErrors;
  }
}
