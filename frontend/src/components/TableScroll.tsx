import type { ReactNode } from "react";
import layout from "./layout.module.css";

/**
 * A table in a box that scrolls sideways on a phone (320 px): the keyboard reaches it, and a
 * screen reader names it, by `label` or by the element `labelledBy` points at.
 */
export function TableScroll({
  label,
  labelledBy,
  children,
}: {
  label?: string;
  labelledBy?: string;
  children: ReactNode;
}) {
  return (
    <div className={layout.tableWrap} role="region" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
