import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput } from '../errors/app-error';
import { NeedCategory } from './need-category';

/** The need taxonomy: data in `need_categories`, so that a region can extend it without a release. */
@Injectable()
export class NeedService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<NeedCategory[]> {
    const rows: { code: string; name_zh: string; name_en: string }[] = await this.db.query(
      `SELECT code, name_zh, name_en FROM need_categories WHERE active ORDER BY position, code`);
    return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en }));
  }

  /** The codes, without repeats, if each is an active category; else BAD_USER_INPUT naming the first unknown one. */
  async check(codes: string[], field: string): Promise<string[]> {
    const unique = [...new Set(codes)];
    const known: { code: string }[] = await this.db.query(`SELECT code FROM need_categories WHERE active AND code = ANY($1)`, [unique]);
    const unknown = unique.find((code) => !known.some((k) => k.code === code));
    if (unknown) throw badInput('UNKNOWN_NEED', `“${unknown}” is not a need category: choose one from the list.`, field);
    return unique;
  }
}
