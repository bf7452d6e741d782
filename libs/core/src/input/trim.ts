import { Transform } from 'class-transformer';

/** Leading and trailing spaces are a copy-and-paste accident, never meant: drop them before checking. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
