// Every shared and feature string in bokmål, one chunk that the app loads only when bokmål
// is the chosen language (see loadLocale in ../index.tsx).
const files = import.meta.glob<Record<string, string>>(["../nb.json", "../../features/*/i18n/nb.json"], {
  eager: true,
  import: "default",
});

export default Object.assign({}, ...Object.values(files)) as Record<string, string>;
