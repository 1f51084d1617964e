import { PageHeader } from '../../components/PageHeader';

/** PLACEHOLDER: the week's entries by day (issue 14 §6), in the profile's zone and week start. */
export default function WeekPage() {
  return <PageHeader title="Week" description="Coming soon." />;
}
