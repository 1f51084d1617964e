// Dependency rules (DESIGN.md §2): requests flow route → service → repository, plugins call
// services, nothing forms a cycle, and a package never reaches into another's source by a
// relative path. `npm run lint` runs this (`npm run lint:deps`); a violation fails CI.
// Type-only imports count too (tsPreCompilationDeps): a type is still a dependency.

const API = '^apps/api/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle: make dependencies run one way (e.g. move what both sides need lower down).',
      from: { path: API },
      to: { circular: true },
    },
    {
      name: 'repository-imports-upward',
      severity: 'error',
      comment: 'A repository builds SQL only: it never imports a service, a route or a plugin.',
      from: { path: `${API}modules/.+\\.repository\\.ts$` },
      to: { path: ['\\.service\\.ts$', '\\.routes\\.ts$', `${API}plugins/`] },
    },
    {
      name: 'service-imports-http',
      severity: 'error',
      comment: 'A service knows nothing of HTTP wiring: no routes, no plugins.',
      from: { path: `${API}.+\\.service\\.ts$` },
      to: { path: ['\\.routes\\.ts$', `${API}plugins/`] },
    },
    {
      name: 'plugin-imports-route-or-repository',
      severity: 'error',
      comment: 'Plugins call services, never routes or repositories.',
      from: { path: `${API}plugins/` },
      to: { path: ['\\.routes\\.ts$', '\\.repository\\.ts$'] },
    },
    {
      name: 'module-imports-plugin',
      severity: 'error',
      comment:
        'Feature modules sit below the plugins (plugins → services): a module that needs ' +
        'something from a plugin means it belongs in shared/ or in the module.',
      from: { path: `${API}modules/` },
      to: { path: `${API}plugins/` },
    },
    {
      name: 'shared-imports-feature',
      severity: 'error',
      comment: 'shared/ is the lowest layer: it imports nothing from modules/ or plugins/.',
      from: { path: `${API}shared/` },
      to: { path: `${API}(modules|plugins)/` },
    },
    {
      name: 'relative-import-of-another-package',
      severity: 'error',
      comment:
        "A package never imports another package's files by relative path: depend on it by " +
        'name (its package.json exports) instead.',
      from: { path: '^(apps|packages)/([^/]+)/' },
      to: { path: '^(apps|packages)/', pathNot: '^$1/$2/', dependencyTypes: ['local'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)(node_modules|dist|coverage|data)/', '^apps/api/src/db/migrations/'] },
    includeOnly: '^(apps|packages)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
    cache: false,
  },
};
