import type { LucideIcon } from "lucide-react";
import { useEffect, useRef } from "react";
import type * as React from "react";
import { useLocation, useNavigate } from "react-router";
import { Page, PageHeader } from "@/components/layouts/page";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

export type PageSection = { to: string; label: string; icon: LucideIcon };

type TabbedPageProps = {
  title: string;
  description: React.ReactNode;
  /** The tabs, each its own address; the first one is the page's own (index) address. */
  sections: readonly PageSection[];
  /** The tab list's accessible name. */
  label: string;
  children: React.ReactNode;
};

/** A page whose sections are tabs with addresses of their own, so each can be linked to and reloaded. */
function TabbedPage({ title, description, sections, label, children }: TabbedPageProps) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  // The longest matching address wins, so "/profile" does not claim "/profile/invitations".
  const current =
    [...sections]
      .sort((a, b) => b.to.length - a.to.length)
      .find(({ to }) => pathname === to || pathname.startsWith(`${to}/`))?.to ?? sections[0]?.to;

  // A tab past the edge of a phone's screen scrolls into view when its page opens.
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>('[data-state="active"]')
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [current]);

  return (
    <Page>
      <PageHeader title={title} description={description} />
      <Tabs value={current} onValueChange={(to) => void navigate(to)} className="gap-6">
        {/* On a phone the tabs fill the width, and scroll sideways when there are more than fit. */}
        <TabsList
          ref={listRef}
          aria-label={label}
          className="w-full justify-start overflow-x-auto [scrollbar-width:none] sm:w-fit"
        >
          {sections.map(({ to, label: name, icon: Icon }) => (
            <TabsTrigger key={to} value={to} className="min-w-fit px-3 sm:flex-none">
              <Icon aria-hidden="true" />
              {name}
            </TabsTrigger>
          ))}
        </TabsList>
        <TabsContent value={current ?? ""}>{children}</TabsContent>
      </Tabs>
    </Page>
  );
}

export { TabbedPage };
