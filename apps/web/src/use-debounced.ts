import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms` (compare strings, not fresh objects, or it never settles). */
export function useDebounced<T extends string | number | boolean | null>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
