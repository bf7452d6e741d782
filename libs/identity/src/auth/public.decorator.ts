import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('IS_PUBLIC');

/** Marks an operation that answers without a signed-in user (sign-in itself, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
