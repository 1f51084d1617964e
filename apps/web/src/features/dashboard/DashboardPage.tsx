import { PageHeader } from '../../components/PageHeader';

/** PLACEHOLDER: the dashboard (issue 14 §7): /metrics cards and charts, ECharts lazy-loaded. */
export default function DashboardPage() {
  return <PageHeader title="Dashboard" description="Coming soon." />;
}
