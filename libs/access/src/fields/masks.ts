/**
 * Masked views, for a role that may know a value exists but not read it. They keep just enough to
 * recognise a value one already holds (the last digits, the family name), never enough to learn it.
 */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/**
 * `110105199001011234` → `110105***********4`: the region of registration and the check character.
 * No more: whoever sees the mask may also read the birth year, the gender and the region, so each
 * further digit shown would divide the candidates left. With the birth date's month and day (365) and
 * the three sequence digits (500, given the gender) hidden, and the check character cutting them by
 * eleven, about 16,600 numbers fit — beyond guessing through the alliance-wide "is it taken?" check,
 * which is rate-limited and audited. Other documents show only their last character.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length === 18) return `${idNumber.slice(0, 6)}${'*'.repeat(11)}${idNumber.slice(-1)}`;
  return idNumber.length < 8 ? '*'.repeat(idNumber.length) : `${'*'.repeat(idNumber.length - 1)}${idNumber.slice(-1)}`;
}

/** `张三华` → `张*华`, `张三` → `张*`: the family name and, from three characters on, the last one. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
