import { PageHeader } from '../../components/PageHeader';

/** PLACEHOLDER: one task (issue 14 §4): every field, ETag/If-Match saves, its time entries. */
export default function TaskDetailPage() {
  return <PageHeader title="Task" description="Coming soon." />;
}
