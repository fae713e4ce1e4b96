import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { LOCALES, loadLocale } from "./i18n";

// The app fetches one language's strings when it is chosen; a test renders in any of them
// at once, so all three are there before the first test.
await Promise.all(LOCALES.map(loadLocale));

// findBy… and waitFor give up after 1 s by default, which a busy 2-core machine can spend
// before the app has rendered; vite.config.ts sets the test timeout to match.
configure({ asyncUtilTimeout: 10_000 });

// What jsdom lacks and the app uses:
// - Node's Request refuses a relative URL such as "/api/v1/projects"; a browser resolves it
//   against the page, so relative URLs are resolved here as the page would;
const BaseRequest = globalThis.Request;
globalThis.Request = class extends BaseRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" ? new URL(input, "http://localhost:3000") : input, init);
  }
} as typeof Request;
// - the Web Animations API, with which Designsystemet's spinner synchronises its animation;
document.getAnimations ??= () => [];
// - the modal methods of <dialog>.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute("open", "");
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute("open");
  this.dispatchEvent(new Event("close"));
};

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
