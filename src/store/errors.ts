/** The store cannot answer now (not loaded, database unreachable); the API answers UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
