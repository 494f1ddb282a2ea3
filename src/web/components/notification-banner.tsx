import { type ReactNode, useEffect, useId, useRef } from "react";

interface NotificationBannerProps {
  heading: string;
  children?: ReactNode;
}

/**
 * The NHS success notification banner: role="alert" and focused when it appears, so the outcome of the
 * last action is announced.
 */
export function NotificationBanner({ heading, children }: NotificationBannerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby={titleId}
      tabIndex={-1}
      ref={ref}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
