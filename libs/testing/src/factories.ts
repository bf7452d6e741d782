import { hash } from '@node-rs/argon2';
import { newId, Role } from '@zhulian/core';
import { DataSource } from 'typeorm';

type OrganisationKind = 'GOVERNMENT_OFFICE' | 'NGO' | 'CHARITY' | 'VOLUNTEER_GROUP';

export const FACTORY_PASSWORD = 'factory-password-1';
let factoryHash: Promise<string> | undefined;
let counter = 0;

const next = () => (counter += 1);

export interface MadeOrganisation {
  id: string;
  name: string;
}

export async function makeOrganisation(
  db: DataSource,
  overrides: Partial<{ name: string; kind: OrganisationKind; regionCode: string; parentId: string | null }> = {},
): Promise<MadeOrganisation> {
  const id = newId();
  const name = overrides.name ?? `测试机构 ${next()} ${id.slice(-6)}`;
  await db.query(
    `INSERT INTO organisations (id, kind, name, region_code, parent_id) VALUES ($1, $2, $3, $4, $5)`,
    [id, overrides.kind ?? 'NGO', name, overrides.regionCode ?? '110105', overrides.parentId ?? null],
  );
  return { id, name };
}

export interface MadeUser {
  id: string;
  email: string;
  password: string;
  memberships: { id: string; organisationId: string; role: Role }[];
}

/** A user with the given memberships; every factory user signs in with {@link FACTORY_PASSWORD}. */
export async function makeUser(
  db: DataSource,
  options: { email?: string; displayName?: string; phone?: string | null; memberships?: { organisationId: string; role: Role }[] } = {},
): Promise<MadeUser> {
  // Factories stand below the domain libs, so they hash with argon2id directly (argon2id is the default).
  factoryHash ??= hash(FACTORY_PASSWORD);
  const id = newId();
  const email = options.email ?? `user${next()}-${id.slice(-8)}@example.org`;
  await db.query(
    `INSERT INTO users (id, email, display_name, phone, password_hash) VALUES ($1, $2, $3, $4, $5)`,
    [id, email, options.displayName ?? '测试用户', options.phone === undefined ? '13912345678' : options.phone, await factoryHash],
  );
  const memberships = [];
  for (const m of options.memberships ?? []) {
    const membershipId = newId();
    await db.query(`INSERT INTO memberships (id, user_id, organisation_id, role) VALUES ($1, $2, $3, $4)`, [membershipId, id, m.organisationId, m.role]);
    memberships.push({ id: membershipId, ...m });
  }
  return { id, email, password: FACTORY_PASSWORD, memberships };
}

/**
 * A volunteer of a volunteer group with a profile: skills, areas served, and, when `verified`, an identity
 * check and a background check valid for a year.
 */
export async function makeVolunteer(
  db: DataSource,
  options: { organisationId: string; skills?: string[]; areaCodes?: string[]; verified?: boolean; displayName?: string },
): Promise<MadeUser> {
  const user = await makeUser(db, { displayName: options.displayName ?? '测试志愿者', memberships: [{ organisationId: options.organisationId, role: Role.VOLUNTEER }] });
  await db.query(
    `INSERT INTO volunteer_profiles (user_id, organisation_id, skills, area_codes, identity_checked_at, background_check_expires_on)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN current_date + 365 END)`,
    [user.id, options.organisationId, options.skills ?? ['COMPANIONSHIP'], options.areaCodes ?? ['110105'], options.verified ?? false]);
  return user;
}

/** A directory service of the given organisation, open to referrals (the directory lib owns the table). */
export async function makeService(
  db: DataSource,
  organisationId: string,
  overrides: Partial<{ name: string; categories: string[] }> = {},
): Promise<{ id: string; name: string }> {
  const id = newId();
  const name = overrides.name ?? `测试服务 ${next()}`;
  await db.query(`INSERT INTO services (id, organisation_id, name, categories) VALUES ($1, $2, $3, $4)`,
    [id, organisationId, name, overrides.categories ?? ['ELDERLY_CARE']]);
  return { id, name };
}
