/**
 * One error class with string codes, and one map from code to HTTP status and title.
 * Each code is also the stable RFC 9457 problem `type`: PROBLEM_BASE + code.
 */
export const PROBLEM_BASE = 'https://footfall.dev/problems/';

export const ERRORS = {
  validation: { status: 400, title: 'The request is not valid' },
  bad_request: { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  out_of_stock: { status: 409, title: 'Not enough stock' },
  invalid_transition: { status: 409, title: 'This change is not allowed in the current state' },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  idempotency_mismatch: { status: 422, title: 'This Idempotency-Key was used with a different request' },
  unprocessable: { status: 422, title: 'The request cannot be processed' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
  // stores, catalog, inventory
  invalid_csv: { status: 400, title: 'The CSV file cannot be read' },
  import_rejected: { status: 422, title: 'Some rows were rejected; nothing was imported' },

  // orders
  cart_closed: { status: 409, title: 'This cart can no longer be changed' },
  unknown_variant: { status: 400, title: 'Unknown variant' },
  not_sellable: { status: 422, title: 'This item is not for sale' },
  unknown_store: { status: 400, title: 'Unknown store' },
  service_not_offered: { status: 422, title: 'The store does not offer this service' },
  cart_empty: { status: 422, title: 'The cart is empty' },
  payment_declined: { status: 402, title: 'The payment was declined' },
  wrong_pickup_code: { status: 422, title: 'The pickup code does not match this order' },
  pickup_code_locked: { status: 429, title: 'Too many wrong pickup codes' },
  return_not_allowed: { status: 422, title: 'This return is not allowed' },

  // promotions
  malformed_code: { status: 400, title: 'The code is not well formed' },
  code_not_found: { status: 404, title: 'No such code' },
  code_not_applicable: { status: 422, title: 'The code does not apply' },
  redemption_conflict: { status: 409, title: 'The code was redeemed elsewhere' },

  // customers, analytics
  insufficient_points: { status: 409, title: 'Not enough loyalty points' },
  loyalty_limit: { status: 422, title: 'Too many points for this basket' },
  sale_rejected: { status: 422, title: 'The sale cannot be recorded' },
  unknown_campaign: { status: 422, title: 'Unknown campaign' },
  clock_skew: { status: 422, title: 'The event time is too far from the server clock' },
  consent_withheld: { status: 422, title: 'The person has not consented to this tracking' },
  batch_too_large: { status: 413, title: 'Too many items in one batch' },

} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    /** Extension members added to the problem document, e.g. { sku, store }. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? ERRORS[code].title);
    this.name = 'AppError';
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function toProblem(err: AppError, instance?: string): Problem {
  const def = ERRORS[err.code];
  return {
    ...err.extra,
    type: PROBLEM_BASE + err.code,
    title: def.title,
    status: def.status,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(instance ? { instance } : {}),
  };
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
