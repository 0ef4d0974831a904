import type { ReactNode } from "react";
import { Breadcrumbs, type Crumb } from "./Breadcrumbs";

export function PageHeader({
  title,
  crumbs,
  children,
}: {
  title: string;
  crumbs?: Crumb[];
  children?: ReactNode;
}) {
  return (
    <header className="mb-4">
      {crumbs ? <Breadcrumbs items={crumbs} /> : null}
      <h1 className="text-xl font-semibold">{title}</h1>
      {children ? (
        <div className="mt-1 max-w-4xl text-sm text-slate-600 dark:text-slate-400">{children}</div>
      ) : null}
    </header>
  );
}
