"use client";

import { type RefObject, useEffect, useRef } from "react";

/**
 * A <details> disclosure used as a popover closes as popovers do: on Escape (focus back on its
 * summary) and on a click or focus outside it, so opening one picker closes the other.
 */
export function useDismissable(): RefObject<HTMLDetailsElement | null> {
  const ref = useRef<HTMLDetailsElement | null>(null);
  useEffect(() => {
    const close = (refocus: boolean) => {
      const details = ref.current;
      if (!details?.open) return;
      details.open = false;
      if (refocus) details.querySelector("summary")?.focus();
    };
    const onPointer = (event: Event) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && ref.current?.contains(document.activeElement)) close(true);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("focusin", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("focusin", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, []);
  return ref;
}
