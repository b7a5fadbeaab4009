/** A violated fuzzing property: thrown by a surface's check, shrunk and reported by fast-check. */
export class PropertyFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertyFailure';
  }
}

export function fail(message: string): never {
  throw new PropertyFailure(message);
}

/** Rejects when `promise` takes longer than the per-input time budget. */
export async function withinBudget<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PropertyFailure(`${what} did not finish within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
