import { BoxIcon, DownloadIcon, MessageSquareTextIcon, SlidersHorizontalIcon } from "lucide-react";
import { Link, Navigate } from "react-router";
import { Page } from "@/components/layouts/page";
import { Button } from "@/components/ui/button";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { useRegistrationPolicy } from "@/features/auth/api/get-registration-policy";
import { useAuth } from "@/features/auth/components/auth-provider";
import { SignUpLink } from "@/features/auth/components/sign-up-link";
import { EXAMPLE_CODE_URL, exampleModel, loadExampleFile } from "@/features/landing/api/example-model";
import { LazyModelViewer } from "@/features/viewer/components/lazy-model-viewer";

const STEPS = [
  {
    icon: MessageSquareTextIcon,
    title: "Describe it",
    text: "“An angle bracket, 64 mm long, two M5 holes in each leg.” The AI writes build123d code for it.",
  },
  {
    icon: BoxIcon,
    title: "See the solid",
    text: "This server renders the code into a real B-rep model in a sandbox; you turn it, cut it and measure it here.",
  },
  {
    icon: SlidersHorizontalIcon,
    title: "Tune it",
    text: "Dimensions marked in the code become sliders; every change is a version you can go back to.",
  },
  {
    icon: DownloadIcon,
    title: "Take it anywhere",
    text: "STEP for CAD, STL and 3MF for printing, GLB for the web — or a read-only link to share.",
  },
];

/** For a visitor: what Chat3D does, a real part to turn in the viewer, and the way in this server allows. */
function Landing() {
  const policy = useRegistrationPolicy();
  const waitlist = policy.data?.waitlist_enabled === true;
  return (
    <Page className="flex flex-1 flex-col gap-12 py-8 sm:py-12">
      <title>Chat3D · Chat to CAD</title>
      <section
        aria-labelledby="landing-title"
        className="grid items-center gap-8 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]"
      >
        <div className="flex flex-col items-start gap-5">
          <h1 id="landing-title" className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Describe a part. Get a CAD model.
          </h1>
          <p className="text-lg text-pretty text-muted-foreground">
            Chat3D turns a conversation into parametric build123d code, renders it on this server into a solid you can
            inspect, and hands you STEP, STL and 3MF files to machine or print.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <SignUpLink />
            <Button asChild size="lg" variant="ghost">
              <Link to="/login">Sign in</Link>
            </Button>
          </div>
          {waitlist && (
            <p className="text-sm text-muted-foreground">
              Sign-up is by invitation on this server. Have a link?{" "}
              <Link to="/register" className="underline underline-offset-4">
                Register with it
              </Link>
              .
            </p>
          )}
        </div>
        <figure className="grid gap-2">
          <LazyModelViewer version={exampleModel} loadFile={loadExampleFile} />
          <figcaption className="text-sm text-pretty text-muted-foreground">
            A real part, not a picture: this angle bracket is{" "}
            <a href={EXAMPLE_CODE_URL} className="underline underline-offset-4">
              a short build123d script
            </a>{" "}
            rendered by Chat3D. Drag to turn it, or try the section and measure tools.
          </figcaption>
        </figure>
      </section>
      <section aria-labelledby="landing-how">
        <h2 id="landing-how" className="mb-4 text-xl font-semibold tracking-tight">
          How it works
        </h2>
        <ol className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {STEPS.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-xl border bg-card p-5 shadow-xs">
              <Icon aria-hidden="true" className="mb-3 size-5 text-primary" />
              <h3 className="font-medium">{title}</h3>
              <p className="mt-1 text-sm text-pretty text-muted-foreground">{text}</p>
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

/** Signed-in people go to their workspace; visitors get the landing page. */
export function HomeRoute() {
  const { user, status } = useAuth();
  if (status === "loading")
    return (
      <LoadingRegion label="Loading…" className="flex flex-1 items-center justify-center">
        <Skeleton className="h-40 w-full max-w-xl rounded-xl" />
      </LoadingRegion>
    );
  if (user) return <Navigate to="/chat" replace />;
  return <Landing />;
}
