import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';

/** Any path the route table does not know. */
export default function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </>
  );
}
