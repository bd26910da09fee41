// Typed application errors. The UI maps codes to messages; route handlers map them to statuses.
export type TAppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE';

const STATUS: Record<TAppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly code: TAppErrorCode;
  constructor(code: TAppErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
