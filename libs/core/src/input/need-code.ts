/** What a need category's code looks like (ELDERLY_CARE, TEMPORARY_EMERGENCY), wherever one is taken in. */
export const NEED_CODE_PATTERN = /^[A-Z][A-Z_]{1,39}$/;
