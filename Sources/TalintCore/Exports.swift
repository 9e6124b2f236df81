// Rules and reporters speak in SourceRange and YAMLDocument; re-export the YAML layer so
// they need one import.
@_exported import TalintYAML
