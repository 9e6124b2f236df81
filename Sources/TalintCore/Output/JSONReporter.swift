import FoundationEssentials

/// A versioned JSON document: the tool, then every diagnostic, suppressed ones marked.
public enum JSONReporter {
  struct Document: Encodable {
    var version = 1
    var tool: Tool
    var diagnostics: [Entry]
    var files: [File]
    var staleBaselineEntries: [Stale]
  }

  /// A linted file: how it holds config and the Talos release it was judged against.
  struct File: Encodable {
    var path: String
    var kind: String?
    var template: String?
    var talosVersion: String?
    var talosVersionSource: String?
  }

  struct Stale: Encodable {
    var baseline: String
    var file: String
    var ruleId: String
    var keyPath: String
  }

  struct Tool: Encodable {
    var name = "talint"
    var version: String
  }

  struct Entry: Encodable {
    var ruleId: String
    var ruleName: String
    var severity: String
    var message: String
    var file: String
    var startLine: Int
    var startColumn: Int
    var endLine: Int
    var endColumn: Int
    var keyPath: String?
    /// For a finding on machines' merged configs: the machines it reaches.
    var machines: [String]?
    var docs: String
    var fingerprint: String
    var suppressed: Bool
    var suppressionKind: String?
    var justification: String?
  }

  public static func render(_ report: Report) -> String {
    let entries = report.diagnostics.map { diagnostic in
      Entry(
        ruleId: diagnostic.ruleID, ruleName: diagnostic.ruleName, severity: diagnostic.severity.rawValue,
        message: diagnostic.text, file: diagnostic.path, startLine: diagnostic.range.start.line,
        startColumn: diagnostic.range.start.column, endLine: diagnostic.range.end.line,
        endColumn: diagnostic.range.end.column, keyPath: diagnostic.keyPath, machines: diagnostic.machines.isEmpty ? nil : diagnostic.machines, docs: RuleDocs.url(diagnostic.ruleID), fingerprint: diagnostic.fingerprint,
        suppressed: diagnostic.suppression != nil, suppressionKind: diagnostic.suppression?.kind.rawValue,
        justification: diagnostic.suppression?.justification)
    }
    let stale = report.staleBaselineEntries.map { Stale(baseline: $0.baseline, file: $0.file, ruleId: $0.rule, keyPath: $0.keyPath) }
    let files = report.fileInfo.map {
      File(
        path: $0.path, kind: $0.carrier?.rawValue, template: $0.template?.rawValue, talosVersion: $0.release?.version.description,
        talosVersionSource: $0.release?.source)
    }
    return encode(Document(tool: Tool(version: report.toolVersion), diagnostics: entries, files: files, staleBaselineEntries: stale))
  }

  /// Sorted keys and indentation: stable, diffable output.
  static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}\n" }
    return escapingC1(String(decoding: data, as: UTF8.self)) + "\n"
  }

  /// The encoder escapes C0 controls only; DEL and the C1 controls (U+0080–U+009F, which
  /// some terminals obey as escapes, U+009B as CSI) are written `\u00XX` too, so that a report
  /// shown with `cat` is inert. Valid JSON either way.
  static func escapingC1(_ json: String) -> String {
    var json = json
    guard json.withUTF8({ $0.containsByte(0x7F, or: 0xC2) }) else { return json }
    var result = ""
    for scalar in json.unicodeScalars {
      if (0x7F...0x9F).contains(scalar.value) { result += "\\u00" + String(scalar.value, radix: 16) } else { result.unicodeScalars.append(scalar) }
    }
    return result
  }
}
