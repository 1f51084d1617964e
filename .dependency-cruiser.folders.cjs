// The second pass of `npm run lint:deps`: no cycle between the API's layers and feature modules
// (folders), even when no single file cycle exists, e.g. tasks/ importing time/ledger while time/
// imports tasks/. It cruises production code below apps/api/src/ only: src/ itself holds both
// app.ts, which imports every folder, and config.ts, which they import, and tests may import
// anything, so either would make every folder look circular.
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular-between-folders',
      severity: 'error',
      scope: 'folder',
      comment:
        'Two folders (layers or feature modules) import each other, even if through different ' +
        'files: make the dependency run one way (move what both need to a lower module).',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    includeOnly: '^apps/api/src/(db|shared|plugins|modules)/',
    exclude: { path: [...base.options.exclude.path, '\\.test\\.ts$'] },
  },
};
