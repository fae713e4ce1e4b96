import { addMessages } from "../../i18n";

// The notification page's strings travel in its own chunk (see addMessages); the bell's few
// are in ./i18n with every feature's.
addMessages(import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true }));
