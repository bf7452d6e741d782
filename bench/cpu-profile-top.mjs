// `node bench/cpu-profile-top.mjs file.cpuprofile [N]`: where a profiled server spent its time — the N
// functions with the most self time, and the same summed per package (or our own code), as tables.
import { readFileSync } from 'node:fs';

const [file, count = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/cpu-profile-top.mjs file.cpuprofile [N]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (url) => {
  if (!url) return '(native / VM)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  return url.includes('/dist') ? 'our code' : url;
};
const functions = new Map();
const packages = new Map();
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id);
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  const pkg = where(f.url);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
}
const table = (title, map, n) => {
  console.log(`\n| ${title} | ms | share |\n| --- | --- | --- |`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`| ${k} | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} % |`);
};
console.log(`profile: ${(total / 1e6).toFixed(1)} s sampled`);
table('package', packages, 25);
table('function (self time)', functions, Number(count));
