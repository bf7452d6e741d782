import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, regionLikePattern } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { IdNumberVault } from '../crypto/id-number-vault';

/** A person found by ID number: their record, and the number's blind index (a keyed digest, never the number). */
export interface IdNumberMatch {
  personId: string;
  blindIndex: Buffer;
}

/**
 * Finds the people of a region by resident ID number, through the blind index the registry keeps: for a
 * civil-affairs office matching another department's file against the people it serves. The numbers are
 * not stored, logged or returned; a number that matches no one is simply not in the answer.
 */
@Injectable()
export class IdNumberMatcher {
  private readonly vault: IdNumberVault;

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.vault = new IdNumberVault(config);
  }

  /** Of these normalised numbers, those of live records registered in `region` or a region under it (110105: its streets too; 1101: all its districts). */
  async match(normalisedNumbers: readonly string[], region: string): Promise<Map<string, IdNumberMatch>> {
    if (normalisedNumbers.length === 0) return new Map();
    const byIndex = new Map(normalisedNumbers.map((n) => [this.vault.blindIndex(n).toString('hex'), n]));
    const rows: { id: string; id_blind_index: Buffer }[] = await this.db.query(
      `SELECT id, id_blind_index FROM people
        WHERE id_blind_index = ANY($1::bytea[]) AND merged_into IS NULL AND region_code LIKE $2`,
      [[...byIndex.keys()].map((hex) => Buffer.from(hex, 'hex')), regionLikePattern(region)]);
    return new Map(rows.map((r) => [byIndex.get(r.id_blind_index.toString('hex'))!, { personId: r.id, blindIndex: r.id_blind_index }]));
  }
}
