/// The delimiters a makejinja template is written with. makejinja is Jinja whose delimiters
/// its `makejinja.toml` changes (`[makejinja.delimiter]`: `block_start`, `block_end`,
/// `variable_start`, `variable_end`, `comment_start`, `comment_end`) so that templates read as
/// YAML; without that file, the ones its users set (`#% %#`, `#{ }#`, `#| #|`) are assumed.
/// Jinja's own (`{% %}`, `{{ }}`, `{# #}`) are read as well, whatever these are.
public struct TemplateDelimiters: Sendable, Equatable {
  public var blockStart = "#%"
  public var blockEnd = "%#"
  public var variableStart = "#{"
  public var variableEnd = "}#"
  public var commentStart = "#|"
  public var commentEnd = "#|"

  public init() {}

  /// What `makejinja.toml` says under `[makejinja.delimiter]`; the defaults for what it leaves
  /// out. A TOML subset: `key = "value"` (or single quotes) lines of that table.
  public init(makejinjaTOML text: String) {
    var inTable = false
    for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      let line = String(raw).trimmingBlanks()
      if line.hasPrefix("[") {
        inTable = line.split(separator: "#").first.map { String($0).trimmingBlanks() } == "[makejinja.delimiter]"
        continue
      }
      guard inTable, let equals = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<equals]).trimmingBlanks()
      let rest = String(line[line.index(after: equals)...]).trimmingBlanks()
      guard let quote = rest.first, quote == "\"" || quote == "'", let end = rest.dropFirst().firstIndex(of: quote) else { continue }
      let value = String(rest[rest.index(after: rest.startIndex)..<end])
      guard value.unicodeScalars.count >= 2 else { continue }
      switch key {
      case "block_start": blockStart = value
      case "block_end": blockEnd = value
      case "variable_start": variableStart = value
      case "variable_end": variableEnd = value
      case "comment_start": commentStart = value
      case "comment_end": commentEnd = value
      default: continue
      }
    }
  }

  /// The delimiters of the template at `path`: from the nearest `makejinja.toml` in its folder
  /// or above, inside its project (`root`; a file reached out of it is not read), else the
  /// defaults.
  public static func forTemplate(_ path: String, root: ProjectRoot) -> TemplateDelimiters {
    let top = root.root(of: path).folder
    var folder = FilePath.absolute(FilePath.parent(path))
    var name = "makejinja.toml"
    // A bound on the climb whatever the paths say.
    for _ in 0..<64 {
      if case .file(let file) = root.resolve(name, written: name, from: path), let bytes = try? InputFile.path(file).read(limit: 65_536) {
        return TemplateDelimiters(makejinjaTOML: String(decoding: bytes, as: UTF8.self))
      }
      guard folder != top, ProjectRoot.contains(top, folder), folder != "/" else { return TemplateDelimiters() }
      folder = FilePath.parent(folder)
      name = "../" + name
    }
    return TemplateDelimiters()
  }
}
