// Every shared and feature string in English, one chunk that the app loads only when English
// is the chosen language (see loadLocale in ../index.tsx).
const files = import.meta.glob<Record<string, string>>(["../en.json", "../../features/*/i18n/en.json"], {
  eager: true,
  import: "default",
});

export default Object.assign({}, ...Object.values(files)) as Record<string, string>;
