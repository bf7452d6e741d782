/**
 * Masked views, for a role that may know a value exists but not read it. They keep just enough to
 * recognise a value one already holds (the last digits, the family name), never enough to learn it.
 */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** `110105199001011234` → `110105********1234`: the region of registration and the last four. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length < 10 ? '*'.repeat(idNumber.length) : `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** `张三华` → `张*华`, `张三` → `张*`: the family name and, from three characters on, the last one. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
