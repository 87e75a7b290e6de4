import { Link } from '../routing/link';

export function NotFoundScreen({ path }: { readonly path: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>Not found</h1>
      <p>
        The console has no page at <code>{path}</code>. Go to the <Link href="/">overview</Link>.
      </p>
    </section>
  );
}
