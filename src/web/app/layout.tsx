import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { NotificationBanner } from "../components/notification-banner";
import { readFlash } from "../lib/flash";
import { Footer } from "./footer";
import { Header } from "./header";

/**
 * After each page change, move focus to the new page's h1 (or the main landmark) so screen readers
 * announce it, unless something inside main (a success banner, an error summary) has already taken it.
 */
function useFocusOnNavigation(pathname: string): void {
  const firstRender = useRef(true);
  useEffect(() => {
    // Runs on every new pathname; the initial load keeps the browser's own starting point.
    void pathname;
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const main = document.getElementById("maincontent");
      if (!main) return;
      const active = document.activeElement;
      if (active && active !== main && main.contains(active)) return;
      const heading = main.querySelector<HTMLElement>("h1");
      const target = heading ?? main;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

/** Every page: skip link, header, main content (with any success banner) and footer. */
export function Layout() {
  const location = useLocation();
  useFocusOnNavigation(location.pathname);
  const message = readFlash(location.state);

  return (
    <>
      {/* main has tabIndex -1, so following this link moves focus there as well as scrolling. */}
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          {message ? (
            <div className="nhsuk-grid-row">
              <div className="nhsuk-grid-column-two-thirds">
                <NotificationBanner heading={message.heading}>
                  {message.body ? <p>{message.body}</p> : null}
                </NotificationBanner>
              </div>
            </div>
          ) : null}
          <Outlet />
        </main>
      </div>
      <Footer />
    </>
  );
}
