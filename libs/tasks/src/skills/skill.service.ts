import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Field, ObjectType } from '@nestjs/graphql';
import { badInput } from '@zhulian/core';
import { DataSource } from 'typeorm';

@ObjectType({ description: 'A kind of help a volunteer gives (陪伴, 送餐, 辅导…): a taxonomy kept as data.' })
export class Skill {
  @Field()
  code!: string;

  @Field()
  nameZh!: string;

  @Field()
  nameEn!: string;
}

/** The skills taxonomy, kept in the database so that a region can extend it. */
@Injectable()
export class SkillService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<Skill[]> {
    const rows: { code: string; name_zh: string; name_en: string }[] = await this.db.query(
      `SELECT code, name_zh, name_en FROM skills WHERE active ORDER BY position, code`);
    return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en }));
  }

  /** The given codes, deduplicated, each a known active skill; BAD_USER_INPUT naming the field otherwise. */
  async check(codes: readonly string[], field: string): Promise<string[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    const known: { code: string }[] = await this.db.query(`SELECT code FROM skills WHERE active AND code = ANY($1)`, [unique]);
    const unknown = unique.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length > 0) throw badInput('UNKNOWN_SKILL', `Unknown skill: ${unknown.join(', ')}. Choose from the skills list.`, field);
    return unique;
  }
}
