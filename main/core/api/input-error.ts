/** A caller's mistake (a bad argument): shells answer it as such (HTTP 400), not as a crash. */
export class InputError extends Error {
  override name = 'InputError'
}
