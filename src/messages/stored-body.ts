/**
 * The body as stored and listed: `{"message": <body as received>, "payment"?: {...}}`. The
 * official client unwraps it and internalizes `payment` when present (HTTP-API.md §3.1.3).
 */
export function storedBody(body: string | object, payment?: Record<string, unknown>): string {
  return JSON.stringify(payment ? { message: body, payment } : { message: body });
}
