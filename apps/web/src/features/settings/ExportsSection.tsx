import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { humanMessage } from '../../api/problem';
import { Button } from '../../components/Button';
import { SettingsSection } from './SettingsSection';
import { filenameFromDisposition, saveBlob } from './download';

type ExportPath = '/tasks/export' | '/time-entries/export';
type ExportFormat = 'csv' | 'json';

interface ExportRequest {
  path: ExportPath;
  format: ExportFormat;
}

const EXPORTS: readonly { path: ExportPath; label: string; file: string }[] = [
  { path: '/tasks/export', label: 'Tasks', file: 'tasks' },
  { path: '/time-entries/export', label: 'Time entries', file: 'time-entries' },
];

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
];

/** Every task and time entry as CSV or JSON files, named by the server. */
export function ExportsSection() {
  const { client } = useApi();

  const download = useMutation({
    mutationFn: async ({ path, format }: ExportRequest) => {
      const { data, response } = await client.GET(path, {
        params: { query: { format } },
        parseAs: 'blob',
      });
      const fallback = `${EXPORTS.find((e) => e.path === path)?.file ?? 'export'}.${format}`;
      saveBlob(
        data,
        filenameFromDisposition(response.headers.get('content-disposition'), fallback),
      );
    },
  });

  const isRunning = (path: ExportPath, format: ExportFormat) =>
    download.isPending && download.variables.path === path && download.variables.format === format;

  return (
    <SettingsSection
      title="Export your data"
      description="Everything you have tracked, as files: CSV for spreadsheets, JSON for scripts."
    >
      <ul className="export-list">
        {EXPORTS.map(({ path, label }) => (
          <li key={path} className="export-list__item">
            <span className="export-list__label">{label}</span>
            {FORMATS.map(({ format, label: formatLabel }) => (
              <Button
                key={format}
                size="sm"
                aria-label={`Download ${label.toLowerCase()} as ${formatLabel}`}
                pending={isRunning(path, format)}
                disabled={download.isPending && !isRunning(path, format)}
                onClick={() => {
                  download.mutate({ path, format });
                }}
              >
                {formatLabel}
              </Button>
            ))}
          </li>
        ))}
      </ul>
      {download.isError && (
        <p role="alert" className="form-error">
          The export failed. {humanMessage(download.error)}
        </p>
      )}
    </SettingsSection>
  );
}
