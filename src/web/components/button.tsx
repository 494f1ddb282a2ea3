import type { ReactNode } from "react";

interface ButtonProps {
  children: ReactNode;
  type?: "submit" | "button";
  variant?: "primary" | "secondary" | "warning" | "reverse";
  small?: boolean;
  /** While true the button ignores presses (a request is in flight) but stays focusable and announced. */
  busy?: boolean;
  onClick?: () => void;
  className?: string;
}

/**
 * An NHS button. Busy buttons use aria-disabled rather than disabled so focus is not lost mid-submit,
 * and presses are ignored to prevent double submission.
 */
export function Button({
  children,
  type = "submit",
  variant = "primary",
  small = false,
  busy = false,
  onClick,
  className,
}: ButtonProps) {
  const classes = [
    "nhsuk-button",
    variant === "primary" ? null : `nhsuk-button--${variant}`,
    small ? "nhsuk-button--small" : null,
    className ?? null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <button
      type={type}
      className={classes}
      aria-disabled={busy ? "true" : undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {children}
    </button>
  );
}
