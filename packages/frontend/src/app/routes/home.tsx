import { BoxIcon, DownloadIcon, SlidersHorizontalIcon } from "lucide-react";
import { Link, Navigate } from "react-router";
import { Page } from "@/components/layouts/page";
import { LogoMark } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { useRegistrationPolicy } from "@/features/auth/api/get-registration-policy";
import { useAuth } from "@/features/auth/components/auth-provider";

const FEATURES = [
  {
    icon: BoxIcon,
    title: "Describe it, get a solid",
    text: "build123d code renders in a sandbox into a real B-rep model.",
  },
  {
    icon: SlidersHorizontalIcon,
    title: "Tune it with sliders",
    text: "Dimensions marked in the code become sliders; every change is a version you can go back to.",
  },
  {
    icon: DownloadIcon,
    title: "Take it anywhere",
    text: "Download STEP for CAD, STL and 3MF for printing, GLB for the web.",
  },
];

/** For a visitor: what Chat3D is, and the way in that this server's sign-up policy allows. */
function Landing() {
  const policy = useRegistrationPolicy();
  const waitlist = policy.data?.waitlist_enabled === true;
  return (
    <Page className="flex flex-1 flex-col justify-center gap-12">
      <title>Chat3D · Chat to CAD</title>
      <div className="mx-auto flex max-w-2xl flex-col items-center gap-6 text-center">
        <LogoMark className="size-12" />
        <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
          Describe a part. Get a CAD model.
        </h1>
        <p className="text-lg text-pretty text-muted-foreground">
          Chat3D turns a conversation into parametric build123d code, renders it on this server and hands you the files
          to print or machine.
        </p>
        <div className="flex flex-wrap justify-center gap-3">
          <Button asChild size="lg">
            <Link to="/login">Sign in</Link>
          </Button>
          {policy.data &&
            (waitlist ? (
              <Button asChild size="lg" variant="outline">
                <Link to="/waitlist">Join the waitlist</Link>
              </Button>
            ) : (
              <Button asChild size="lg" variant="outline">
                <Link to="/register">Create an account</Link>
              </Button>
            ))}
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
      <ul className="mx-auto grid w-full max-w-4xl gap-4 sm:grid-cols-3">
        {FEATURES.map(({ icon: Icon, title, text }) => (
          <li key={title} className="rounded-xl border bg-card p-5 shadow-xs">
            <Icon aria-hidden="true" className="mb-3 size-5 text-primary" />
            <h2 className="font-medium">{title}</h2>
            <p className="mt-1 text-sm text-muted-foreground">{text}</p>
          </li>
        ))}
      </ul>
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
