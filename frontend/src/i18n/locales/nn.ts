// Every shared and feature string in nynorsk, one chunk that the app loads only when nynorsk
// is the chosen language (see loadLocale in ../index.tsx).
const files = import.meta.glob<Record<string, string>>(["../nn.json", "../../features/*/i18n/nn.json"], {
  eager: true,
  import: "default",
});

export default Object.assign({}, ...Object.values(files)) as Record<string, string>;
