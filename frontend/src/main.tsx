import "@digdir/designsystemet-css";
import "@digdir/designsystemet-theme";
import "./global.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router-dom";
import { queryClient } from "./api/queryClient";
import { I18nProvider, initialLocale, loadLocale } from "./i18n";
import { router } from "./router";


function render() {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

// The chosen language's strings come first (one small chunk), so that no key flashes; if
// they cannot be fetched, the provider tries again and shows nothing until it can.
loadLocale(initialLocale()).then(render, render);
