/** Environment variables the global setup hands to every test worker. */
export const ENV = {
  adminUrl: 'ZHULIAN_TEST_ADMIN_URL',
  template: 'ZHULIAN_TEST_TEMPLATE',
  runId: 'ZHULIAN_TEST_RUN',
} as const;

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
