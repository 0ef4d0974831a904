import Link from "next/link";
import { type ReactNode, Suspense } from "react";
import { ViewNoticeProvider } from "@/hooks/viewNotices";
import { FilterBar } from "../filters/FilterBar";
import { Nav } from "./Nav";

/** Sidebar navigation + sticky filter bar + page content. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <ViewNoticeProvider>
      <div className="md:flex">
        <aside className="border-b border-slate-200 p-3 md:sticky md:top-0 md:h-screen md:w-48 md:shrink-0 md:border-r md:border-b-0 dark:border-slate-800">
          <Link href="/" className="mb-3 block px-3 text-sm font-bold tracking-tight">
            Streaming QoE
          </Link>
          <Suspense>
            <Nav />
          </Suspense>
        </aside>
        <div className="min-w-0 flex-1">
          <Suspense>
            <FilterBar />
          </Suspense>
          <main className="p-4">
            <Suspense>{children}</Suspense>
          </main>
        </div>
      </div>
    </ViewNoticeProvider>
  );
}
