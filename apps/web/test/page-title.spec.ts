import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageTitleKey } from '../src/layout/page-title';

describe('page titles', () => {
  it('names each page by its own name, or by the section a detail page belongs to', () => {
    expect(pageTitleKey('/')).toBe('nav.home');
    expect(pageTitleKey('/people/new')).toBe('register.title');
    expect(pageTitleKey('/people/0193a000-0000-7000-8000-000000000001')).toBe('nav.people');
    expect(pageTitleKey('/cases/x')).toBe('nav.cases');
    expect(pageTitleKey('/alerts/rules')).toBe('insights.rules.title');
    expect(pageTitleKey('/alerts/abc')).toBe('nav.alerts');
    expect(pageTitleKey('/intake')).toBe('insights.intake.title');
    expect(pageTitleKey('/nowhere')).toBe('notFound.title');
  });

  it('has words for every route the app declares', () => {
    const routes = [...readFileSync(join(__dirname, '../src/App.tsx'), 'utf8').matchAll(/<Route path="([^"]+)"/g)].map((m) => m[1]).filter((p) => p !== '*');
    const zh = JSON.parse(readFileSync(join(__dirname, '../src/locales/zh-CN.json'), 'utf8'));
    const insights = JSON.parse(readFileSync(join(__dirname, '../src/locales/insights.zh-CN.json'), 'utf8'));
    const words = { ...zh, insights };
    for (const route of routes) {
      const key = pageTitleKey(route.replace(/:(\w+)/g, 'x'));
      expect([route, key]).not.toEqual([route, 'notFound.title']);
      expect([route, typeof key.split('.').reduce((node: Record<string, unknown> | string, part) => (node as Record<string, unknown>)[part] as Record<string, unknown>, words)])
        .toEqual([route, 'string']);
    }
  });
});
