import { PageHeader } from '../../components/PageHeader';

/** PLACEHOLDER: the task list (issue 14 §2): filters in the URL, cursor-paged, virtualised. */
export default function TasksPage() {
  return <PageHeader title="Tasks" description="Coming soon." />;
}
