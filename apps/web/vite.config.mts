import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, Plugin } from 'vite';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
/** The app proper, which main.tsx (the page's tiny script) imports with the person's words. */
const APP_ROOT = src('root.tsx');
/** The generated typed documents (graphql-codegen's client preset), one export per operation and fragment. */
const DOCUMENTS = src('gql/graphql.ts');

/**
 * `graphql(\`query X …\`)` of the codegen client preset looks its document up in a map of every operation
 * of the app (gql/gql.ts): whichever page calls it, every query of forty screens comes along, half a
 * megabyte in the sign-in page's path. In the build each call becomes the import of its own document,
 * a module of its own (`virtual:zhulian-document/<export>`, the object gql/graphql.ts generated), so a
 * chunk carries the documents it uses and no more (importing them from gql/graphql.ts, as the preset's
 * Babel plugin does, would keep them all in one module, and so in one chunk every page loads). Tests and
 * the development server keep the map: the same documents, so the same behaviour.
 */
const DOCUMENT_MODULE = 'virtual:zhulian-document/';

function typedDocumentImports(): Plugin {
  let exportOf = new Map<string, string>();
  let documentOf = new Map<string, string>();
  return {
    name: 'zhulian:typed-document-imports',
    apply: 'build',
    buildStart() {
      exportOf = new Map();
      documentOf = new Map();
      const generated = readFileSync(DOCUMENTS, 'utf8');
      // One line per document: `export const XDocument = {"kind":"Document","definitions":[{…"name":{…"value":"X"}…}]} as unknown as DocumentNode<…>;`
      const pattern = /^export const (\w+) = (\{"kind":"Document","definitions":\[\{"kind":"(?:OperationDefinition|FragmentDefinition)",(?:"operation":"\w+",)?"name":\{"kind":"Name","value":"(\w+)"\}.*\}) as unknown as DocumentNode<.*>;$/gm;
      for (const [, exported, document, name] of generated.matchAll(pattern)) {
        exportOf.set(name, exported);
        documentOf.set(exported, document);
      }
      if (exportOf.size === 0) this.error(`no documents found in ${DOCUMENTS}: run \`npx graphql-codegen --config codegen.ts\``);
    },
    resolveId(id) {
      return id.startsWith(DOCUMENT_MODULE) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${DOCUMENT_MODULE}`)) return null;
      const document = documentOf.get(id.slice(DOCUMENT_MODULE.length + 1));
      return document ? `export default ${document};` : null;
    },
    transform: {
      filter: { id: /[\\/]apps[\\/]web[\\/]src[\\/].*\.tsx?$/, code: 'graphql(' },
      handler(code, id) {
        if (id.includes('/src/gql/')) return null;
        type Node = { type: string; start: number; end: number; [key: string]: unknown };
        const program = this.parse(code) as unknown as Node;
        const body = program.body as Node[];
        // Only the generated `graphql` imported from the gql folder, never another function of that name.
        const fromGql = body.find((n) => n.type === 'ImportDeclaration' && /(^|\/)gql(\/index(\.ts)?)?$/.test((n.source as { value: string }).value)
          && (n.specifiers as Node[]).some((s) => (s.local as { name: string }).name === 'graphql'));
        if (!fromGql) return null;
        const edits: { start: number; end: number; text: string }[] = [];
        const used = new Set<string>();
        let otherUses = 0;
        const visit = (node: unknown, parent: Node | null): void => {
          if (!node || typeof node !== 'object') return;
          if (Array.isArray(node)) return node.forEach((child) => visit(child, parent));
          const n = node as Node;
          if (n.type === 'CallExpression' && (n.callee as Node).type === 'Identifier' && (n.callee as { name: string }).name === 'graphql') {
            const [argument] = n.arguments as Node[];
            const quasis = argument?.type === 'TemplateLiteral' ? (argument.quasis as { value: { cooked: string } }[]) : [];
            if (quasis.length !== 1) this.error(`${id}: graphql() takes one template literal without substitutions`);
            const name = /^\s*(?:query|mutation|subscription|fragment)\s+(\w+)/.exec(quasis[0].value.cooked)?.[1];
            const exported = name && exportOf.get(name);
            if (!exported) this.error(`${id}: no generated document for ${name ?? 'an unnamed document'}: run \`npx graphql-codegen --config codegen.ts\``);
            used.add(exported);
            edits.push({ start: n.start, end: n.end, text: `__document_${exported}` });
            return;
          }
          if (n.type === 'Identifier' && (n as { name?: string }).name === 'graphql' && parent?.type !== 'ImportSpecifier') otherUses += 1;
          for (const [key, child] of Object.entries(n)) if (key !== 'start' && key !== 'end' && key !== 'type') visit(child, n);
        };
        visit(body.filter((n) => n !== fromGql), null);
        if (edits.length === 0) return null;
        let out = code;
        for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
        // The import of the map goes when nothing else of it is used.
        if (otherUses === 0 && (fromGql.specifiers as Node[]).length === 1) out = out.slice(0, fromGql.start) + out.slice(fromGql.end);
        const imports = [...used].map((e) => `import __document_${e} from ${JSON.stringify(DOCUMENT_MODULE + e)};\n`).join('');
        return { code: `${imports}${out}`, map: null };
      },
    },
  };
}

/**
 * index.html's script is tiny (main.tsx): it imports the app and the person's words together. This lists
 * the app's chunks in index.html as modulepreloads, so the browser fetches them at once with the page's
 * script instead of one round trip later (562 ms each on a 3G network).
 */
function preloadApp(): Plugin {
  return {
    name: 'zhulian:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const app = chunks.find((c) => c.facadeModuleId === APP_ROOT);
        if (!app) throw new Error('the app chunk (src/root.tsx) is missing from the bundle');
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const files: string[] = [];
        const add = (fileName: string) => {
          if (files.includes(fileName) || html.includes(`/${fileName}"`)) return;
          files.push(fileName);
          for (const dependency of byName.get(fileName)?.imports ?? []) add(dependency);
        };
        add(app.fileName);
        return files.map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * Libraries whose index re-exports every component: following the index would count them all as needed. A
 * module that imports `{ Button }` from one needs that component's own module, and what it imports.
 */
const BARRELS: { index: RegExp; from: string; module: (name: string) => string }[] = [
  { index: /[\\/]node_modules[\\/]antd[\\/]es[\\/]index\.js$/, from: 'antd', module: (name) => `${name.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase()}/index.js` },
  { index: /[\\/]node_modules[\\/]@ant-design[\\/]icons[\\/]es[\\/]index\.js$/, from: '@ant-design/icons', module: (name) => `icons/${name}.js` },
];

/** The names a module imports (not as types) from a package: `import { A, B as C } from 'antd'` → A, B. */
function namedImports(code: string, from: string): string[] {
  const names: string[] = [];
  for (const [, list] of code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${from.replace('/', '\\/')}["']`, 'g'))) {
    for (const part of list.split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name && !name.startsWith('type ')) names.push(name);
    }
  }
  return names;
}

/** What the first screen runs: the app and the words of either language. */
const FIRST_SCREEN_ROOTS = [APP_ROOT, src('locales/words.zh-CN.ts'), src('locales/words.en.ts')];
/** A library's words in one language (Ant Design's and its parts' `locale/zh_CN.js`, `locale/en_US.js`). */
const LANGUAGE_FILE = /[\\/]node_modules[\\/].*[\\/]locales?[\\/].*(zh[_-]cn|en[_-]us)/i;

/** Modules the app needs before its first screen: those its roots import, directly or not (static imports only). */
function firstScreenModules(getModuleInfo: (id: string) => { importedIds: readonly string[]; code: string | null } | null): Set<string> {
  const seen = new Set<string>();
  const stack = [...FIRST_SCREEN_ROOTS];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = getModuleInfo(id);
    for (const dependency of info?.importedIds ?? []) {
      const barrel = BARRELS.find((b) => b.index.test(dependency));
      if (!barrel) stack.push(dependency);
      else for (const name of namedImports(info?.code ?? '', barrel.from)) stack.push(join(dirname(dependency), barrel.module(name)));
    }
  }
  return seen;
}
let firstScreen: Set<string> | null = null;

const ANTD = /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@babel[\\/]runtime|classnames|clsx|stylis|@emotion|dayjs|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|resize-observer-polyfill|json2mq|string-convert|is-mobile)[\\/]/;

// The API serves the built app from its own origin (dist/web). In development Vite serves the app and
// passes API calls through to `npm start`'s API, so cookies stay first-party either way.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), typedDocumentImports(), preloadApp()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The chunks are the ones below; Vite's own modulepreload polyfill is for browsers the app does not support.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own, so a release of the app does not make a phone fetch React again.
        // Ant Design is split: what the first screen (sign-in, the frame's skeleton) needs is one chunk; the
        // components only some pages use travel with those pages.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 50 },
            { name: 'apollo', test: /[\\/]node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|ts-invariant|tslib|@graphql-typed-document-node)[\\/]/, priority: 40 },
            { name: 'i18n', test: /[\\/]node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/, priority: 40 },
            // Libraries' words in one language, a small chunk beside that language's own (locales/words.*.ts):
            // the other language's never load. (Components such as Pagination import their default words too.)
            { name: (id) => (/zh[_-]cn/i.test(id) ? 'antd-words.zh-CN' : 'antd-words.en'), debugName: 'antd words', test: LANGUAGE_FILE, priority: 60 },
            { name: 'charts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
            {
              name: (id, context) => ((firstScreen ??= firstScreenModules((m) => context.getModuleInfo(m))).has(id) ? 'antd' : null),
              debugName: 'antd (first screen)',
              test: (id) => ANTD.test(id) && !LANGUAGE_FILE.test(id),
              priority: 30,
            },
            // The other libraries' modules, by the pages that use them, small sets merged: a page's code in a
            // few requests, not twenty (each one a round trip on a phone network).
            { name: 'lib', test: (id) => /[\\/]node_modules[\\/]/.test(id) && !LANGUAGE_FILE.test(id), priority: 10, entriesAware: true, entriesAwareMergeThreshold: 40 * 1024 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 4200,
    proxy: { '/graphql': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
