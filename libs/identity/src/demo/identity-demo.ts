import { Role } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { OrganisationKind } from '../entities/enums';

export const DEMO_PASSWORD = 'zhulian-demo';

/** Fixed ids, so that every demo database and every test that wants the demo alliance agree. */
export const DEMO_ORGS = {
  district: '0193a000-0000-7000-8000-000000000001',
  streetJianwai: '0193a000-0000-7000-8000-000000000002',
  streetSanlitun: '0193a000-0000-7000-8000-000000000003',
  elderlyNgo: '0193a000-0000-7000-8000-000000000004',
  familyNgo: '0193a000-0000-7000-8000-000000000005',
  charity: '0193a000-0000-7000-8000-000000000006',
  volunteers: '0193a000-0000-7000-8000-000000000007',
} as const;

interface DemoOrganisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  regionCode: string;
  parentId: string | null;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { id: DEMO_ORGS.district, kind: OrganisationKind.GOVERNMENT_OFFICE, name: '朝阳区民政局', regionCode: '110105', parentId: null },
  { id: DEMO_ORGS.streetJianwai, kind: OrganisationKind.GOVERNMENT_OFFICE, name: '朝阳区建外街道办事处', regionCode: '110105001', parentId: DEMO_ORGS.district },
  { id: DEMO_ORGS.streetSanlitun, kind: OrganisationKind.GOVERNMENT_OFFICE, name: '朝阳区三里屯街道办事处', regionCode: '110105004', parentId: DEMO_ORGS.district },
  { id: DEMO_ORGS.elderlyNgo, kind: OrganisationKind.NGO, name: '朝阳区夕阳红养老服务中心', regionCode: '110105', parentId: null },
  { id: DEMO_ORGS.familyNgo, kind: OrganisationKind.NGO, name: '朝阳区童心儿童与家庭服务社', regionCode: '110105', parentId: null },
  { id: DEMO_ORGS.charity, kind: OrganisationKind.CHARITY, name: '北京市朝阳区慈善协会', regionCode: '110105', parentId: null },
  { id: DEMO_ORGS.volunteers, kind: OrganisationKind.VOLUNTEER_GROUP, name: '朝阳区“邻里守望”志愿者服务队', regionCode: '110105', parentId: null },
];

interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  phone: string;
  memberships: { organisationId: string; role: Role }[];
}

const user = (n: number, email: string, displayName: string, organisationId: string, role: Role): DemoUser => ({
  id: `0193a000-0000-7000-8000-1000000000${String(n).padStart(2, '0')}`,
  email,
  displayName,
  phone: `1380013${String(n).padStart(4, '0')}`,
  memberships: [{ organisationId, role }],
});

export const DEMO_USERS: DemoUser[] = [
  user(1, 'admin@zhulian.demo', '王磊', DEMO_ORGS.district, Role.PLATFORM_ADMIN),
  user(2, 'coordinator@zhulian.demo', '李静', DEMO_ORGS.district, Role.COORDINATOR),
  user(3, 'caseworker@zhulian.demo', '张伟', DEMO_ORGS.streetJianwai, Role.CASEWORKER),
  user(4, 'ngo@zhulian.demo', '刘芳', DEMO_ORGS.elderlyNgo, Role.STAFF),
  user(5, 'ngo2@zhulian.demo', '陈晨', DEMO_ORGS.familyNgo, Role.STAFF),
  user(6, 'charity@zhulian.demo', '赵敏', DEMO_ORGS.charity, Role.STAFF),
  user(7, 'volunteer@zhulian.demo', '孙浩', DEMO_ORGS.volunteers, Role.VOLUNTEER),
  user(8, 'volunteer2@zhulian.demo', '周婷', DEMO_ORGS.volunteers, Role.VOLUNTEER),
  user(9, 'volunteer3@zhulian.demo', '吴强', DEMO_ORGS.volunteers, Role.VOLUNTEER),
  user(10, 'volunteer4@zhulian.demo', '郑丽', DEMO_ORGS.volunteers, Role.VOLUNTEER),
  user(11, 'volunteer5@zhulian.demo', '冯磊', DEMO_ORGS.volunteers, Role.VOLUNTEER),
  user(12, 'orgadmin@zhulian.demo', '黄丽', DEMO_ORGS.elderlyNgo, Role.ORG_ADMIN),
  user(13, 'auditor@zhulian.demo', '何军', DEMO_ORGS.district, Role.AUDITOR),
  // The street office's own coordinator: keeps its records (consents, merges) and, later, assigns its cases.
  user(15, 'jianwai@zhulian.demo', '陈红', DEMO_ORGS.streetJianwai, Role.COORDINATOR),
  // A second caseworker of 建外街道 who registered no one: sees the office's people as masks and locks, and
  // works only the cases a coordinator assigns them.
  user(16, 'caseworker2@zhulian.demo', '王芳', DEMO_ORGS.streetJianwai, Role.CASEWORKER),
  // The volunteer group's coordinator: keeps its volunteers' profiles and records their identity and background checks.
  user(17, 'volunteers@zhulian.demo', '林晓燕', DEMO_ORGS.volunteers, Role.COORDINATOR),
  // A social worker seconded from a street office to the family NGO: acts for either, one at a time.
  {
    ...user(14, 'social@zhulian.demo', '马丽', DEMO_ORGS.streetSanlitun, Role.CASEWORKER),
    memberships: [
      { organisationId: DEMO_ORGS.streetSanlitun, role: Role.CASEWORKER },
      { organisationId: DEMO_ORGS.familyNgo, role: Role.STAFF },
    ],
  },
];

/**
 * Loads the demo alliance's organisations, users and memberships. Idempotent: what exists is left
 * as it is (a demo user who changed their password keeps it), so a second run changes nothing.
 */
export async function seedIdentityDemo(tx: EntityManager, passwords = new PasswordHasher()): Promise<{ organisations: number; users: number }> {
  let organisations = 0;
  for (const o of DEMO_ORGANISATIONS) {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO organisations (id, kind, name, region_code, parent_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [o.id, o.kind, o.name, o.regionCode, o.parentId],
    );
    organisations += inserted.length;
  }
  const existing = new Set(
    ((await tx.query(`SELECT email FROM users WHERE email = ANY($1)`, [DEMO_USERS.map((u) => u.email)])) as { email: string }[]).map((r) => r.email),
  );
  let users = 0;
  for (const u of DEMO_USERS) {
    if (existing.has(u.email)) continue;
    await tx.query(
      `INSERT INTO users (id, email, display_name, phone, password_hash) VALUES ($1, $2, $3, $4, $5)`,
      [u.id, u.email, u.displayName, u.phone, await passwords.hash(DEMO_PASSWORD)],
    );
    for (const [i, m] of u.memberships.entries()) {
      // Membership ids: the user's id with 2 (then 3, …) in place of its 1 — fixed, like every demo id.
      await tx.query(
        `INSERT INTO memberships (id, user_id, organisation_id, role) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [u.id.replace(/-8000-1/, `-8000-${2 + i}`), u.id, m.organisationId, m.role],
      );
    }
    users += 1;
  }
  return { organisations, users };
}
