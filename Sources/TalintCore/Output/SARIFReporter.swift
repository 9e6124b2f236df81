/// SARIF 2.1.0 for code-scanning services: rules with their docs and CIS tags, results with
/// exact regions in Unicode code points, edit-stable fingerprints, and suppressions with
/// their justification.
public enum SARIFReporter {
  struct Log: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }

  struct Run: Encodable {
    var tool: Tool
    var invocations: [Invocation]
    var artifacts: [Artifact]
    var originalUriBaseIds: [String: ArtifactLocation]
    var columnKind = "unicodeCodePoints"
    var results: [Result]
  }

  /// A linted file, with the Talos release it was judged against.
  struct Artifact: Encodable {
    var location: ArtifactLocation
    var properties: ArtifactProperties
  }

  struct ArtifactProperties: Encodable {
    var kind: String?
    var template: String?
    var talosVersion: String?
    var talosVersionSource: String?
  }

  /// The run itself: stale baseline entries are notifications about it, not results.
  struct Invocation: Encodable {
    var executionSuccessful: Bool
    var toolExecutionNotifications: [Notification]
  }

  struct Notification: Encodable {
    var level = "warning"
    var message: Text
    var locations: [NotificationLocation]
    var descriptor: DescriptorReference
  }

  struct NotificationLocation: Encodable { var physicalLocation: FileLocation }

  struct FileLocation: Encodable { var artifactLocation: ArtifactLocation }

  struct DescriptorReference: Encodable { var id: String }

  struct Tool: Encodable { var driver: Driver }

  struct Driver: Encodable {
    var name = "talint"
    var version: String
    var semanticVersion: String
    var rules: [ReportingDescriptor]
  }

  struct Text: Encodable { var text: String }

  struct ReportingDescriptor: Encodable {
    var id: String
    var name: String
    var shortDescription: Text
    var fullDescription: Text
    var helpUri: String
    var help: Text
    var defaultConfiguration: Configuration
    var properties: Properties
  }

  struct Configuration: Encodable { var level: String }

  struct Properties: Encodable {
    var tags: [String]
    var securitySeverity: String

    enum CodingKeys: String, CodingKey {
      case tags
      case securitySeverity = "security-severity"
    }
  }

  struct ArtifactLocation: Encodable {
    var uri: String
    var uriBaseId: String?
  }

  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Text
    var locations: [Location]
    var partialFingerprints: [String: String]
    var suppressions: [SARIFSuppression]?
    var properties: ResultProperties?
  }

  /// The machines a finding on merged configs reaches.
  struct ResultProperties: Encodable { var machines: [String] }

  struct Location: Encodable { var physicalLocation: PhysicalLocation }

  struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region
  }

  struct Region: Encodable {
    var startLine: Int
    var startColumn: Int
    var endLine: Int
    var endColumn: Int
  }

  struct SARIFSuppression: Encodable {
    var kind: String
    var justification: String?
  }

  public static func render(_ report: Report) -> String {
    let rules = report.rules.map(descriptor)
    let index = Dictionary(uniqueKeysWithValues: report.rules.enumerated().map { ($1.id, $0) })
    let results = report.diagnostics.map { diagnostic -> Result in
      let start = diagnostic.range.start
      var end = diagnostic.range.end
      if end < start { end = start }
      let suppression = diagnostic.suppression.map {
        SARIFSuppression(kind: $0.kind == .baseline ? "external" : "inSource", justification: $0.justification)
      }
      return Result(
        ruleId: diagnostic.ruleID, ruleIndex: index[diagnostic.ruleID] ?? 0, level: level(diagnostic.severity),
        message: Text(text: diagnostic.text),
        locations: [
          Location(
            physicalLocation: PhysicalLocation(
              artifactLocation: ArtifactLocation(uri: uri(report.relativePath(diagnostic.path)), uriBaseId: "%SRCROOT%"),
              region: Region(startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column)))
        ],
        partialFingerprints: ["talint/v1": diagnostic.fingerprint],
        suppressions: suppression.map { [$0] },
        properties: diagnostic.machines.isEmpty ? nil : ResultProperties(machines: diagnostic.machines))
    }
    let root = report.workingDirectory.hasSuffix("/") ? report.workingDirectory : report.workingDirectory + "/"
    let notifications = report.staleBaselineEntries.map { entry in
      Notification(
        message: Text(text: "stale baseline entry: \(entry.description)"),
        locations: [NotificationLocation(physicalLocation: FileLocation(artifactLocation: ArtifactLocation(uri: uri(entry.file), uriBaseId: "%SRCROOT%")))],
        descriptor: DescriptorReference(id: "stale-baseline-entry"))
    }
    let run = Run(
      tool: Tool(driver: Driver(version: report.toolVersion, semanticVersion: report.toolVersion, rules: rules)),
      invocations: [Invocation(executionSuccessful: true, toolExecutionNotifications: notifications)],
      artifacts: report.fileInfo.map { file in
        Artifact(
          location: ArtifactLocation(uri: uri(report.relativePath(file.path)), uriBaseId: "%SRCROOT%"),
          properties: ArtifactProperties(
            kind: file.carrier?.rawValue, template: file.template?.rawValue, talosVersion: file.release?.version.description,
            talosVersionSource: file.release?.source))
      },
      originalUriBaseIds: ["%SRCROOT%": ArtifactLocation(uri: "file://" + uri(root), uriBaseId: nil)],
      results: results)
    return JSONReporter.encode(Log(runs: [run]))
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  private static func descriptor(_ rule: RuleDescription) -> ReportingDescriptor {
    let references = rule.references.map { "- \($0.linked)" }.joined(separator: "\n")
    let help = "\(rule.remediation)\n\n\(rule.rationale)" + (references.isEmpty ? "" : "\n\nReferences:\n\(references)")
    var tags = ["security"] + rule.references.compactMap(\.cisID).map { "CIS-\($0)" }
    if rule.references.contains(where: { if case .kspp = $0 { true } else { false } }) { tags.append("KSPP") }
    let score: String
    switch rule.severity {
    case .error: score = "8.0"
    case .warning: score = "5.0"
    case .info: score = "2.0"
    }
    return ReportingDescriptor(
      id: rule.id, name: rule.name, shortDescription: Text(text: rule.summary), fullDescription: Text(text: rule.rationale),
      helpUri: RuleDocs.url(rule.id), help: Text(text: help), defaultConfiguration: Configuration(level: level(rule.severity)),
      properties: Properties(tags: tags, securitySeverity: score))
  }

  /// Percent-encodes what a URI path may not hold.
  static func uri(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      let scalar = Unicode.Scalar(byte)
      if byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "-._~/".unicodeScalars.contains(scalar)) {
        result.unicodeScalars.append(scalar)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return result
  }
}
