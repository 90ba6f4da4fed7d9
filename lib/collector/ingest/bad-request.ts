/** Thrown for a request body that is not what its route reads (answered with 400). */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}
