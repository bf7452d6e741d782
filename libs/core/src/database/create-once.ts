/**
 * A create mutation that takes an idempotency key: a request with a key already used answers what the
 * earlier request created (`earlier`, which also refuses a key reused for a different request), and
 * when two requests with the same key race, the one the unique index (`constraint`) refuses finds what
 * the other created. Without a key it simply creates.
 */
export async function createOnce<T>(key: string | undefined, constraint: string, earlier: () => Promise<T | null>, create: () => Promise<T>): Promise<T> {
  if (key) {
    const found = await earlier();
    if (found) return found;
  }
  try {
    return await create();
  } catch (error) {
    const { code, constraint: violated } = error as { code?: string; constraint?: string };
    if (key && code === '23505' && violated === constraint) {
      const found = await earlier();
      if (found) return found;
    }
    throw error;
  }
}
